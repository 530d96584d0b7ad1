import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { UsageError } from "../errors.js";

/**
Parse a command's arguments strictly with node:util parseArgs; its errors become one-sentence
UsageErrors (exit 2) that point at the command's help.
*/
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(
  command: string,
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message =
      error instanceof Error ? error.message.split("\n")[0]!.replace(/\.?$/u, ".") : String(error);
    throw new UsageError(message, { hint: `Run \`oathkit ${command} --help\` for the options.` });
  }
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
