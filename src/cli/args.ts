import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { UsageError } from "../errors.js";
import { didYouMean } from "./did-you-mean.js";

/**
Parse a command's arguments strictly with node:util parseArgs. Its errors (written for
programmers: "To specify a positional argument starting with a '-', place it at the end…")
become one line in plain words, with a guess for a typo, as a UsageError (exit 2).
*/
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(
  command: string,
  args: readonly string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    const text = explainParseError(error, command, options, allowPositionals);
    throw new UsageError(`${sentence(text)} ${helpPointer(command)}`);
  }
}

export const helpPointer = (command: string): string => `See \`oathkit ${command} --help\`.`;

/** Ends `text` as a sentence: a full stop unless it already ends with one (or a question mark). */
export const sentence = (text: string): string => (/[.?!]$/u.test(text) ? text : `${text}.`);

function explainParseError(
  error: unknown,
  command: string,
  options: ParseArgsOptionsConfig,
  allowPositionals: boolean,
): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  const quoted = /'([^']*)'/u.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const longs = Object.keys(options).map((name) => `--${name}`);
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

/** The single file a command reads: exactly one positional argument. */
export function onePath(command: string, positionals: readonly string[]): string {
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? `oathkit ${command} needs a seed file.`
        : `oathkit ${command} takes one seed file, got ${positionals.length}.`,
      { hint: `Run \`oathkit ${command} --help\` for the usage.` },
    );
  return positionals[0]!;
}
