import { didYouMean } from "../did-you-mean.js";

/**
node:util parseArgs' errors are written for programmers ("To specify a positional argument
starting with a '-', place it at the end…"): this says the same in plain words, with a guess for
a typo among the command's `longs` (option names without dashes).
*/
export function explainParseError(
  error: unknown,
  command: string,
  names: readonly string[],
  allowPositionals: boolean,
): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  const quoted = /'([^']*)'/u.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const longs = names.map((name) => `--${name}`);
    const long = quoted.startsWith("--");
    const guess = long ? didYouMean(quoted, longs) : uniqueStartingWith(quoted.slice(1), longs);
    if (guess !== null) return `unknown option ${quoted}; did you mean ${guess}?`;
    // `remove -F3`: a serial that starts with a dash reads as options.
    const dashed =
      !long && allowPositionals ? " (an argument that starts with - goes after --)" : "";
    return `unknown option ${quoted}${dashed}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const flag = /--[\w-]+/u.exec(quoted)?.[0] ?? quoted;
    return /does not take an argument/u.test(message)
      ? `${flag} takes no value`
      : `${flag} needs a value`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return `oathkit ${command} takes no arguments, got "${quoted}"`;
  return message.replace(/\.$/u, "");
}

/** `-j` → `--json` when exactly one long option starts with that letter. */
function uniqueStartingWith(letter: string, longs: readonly string[]): string | null {
  const matches = longs.filter((l) => letter !== "" && l.startsWith(`--${letter}`));
  return matches.length === 1 ? matches[0]! : null;
}
