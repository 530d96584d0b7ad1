import { UsageError } from "../errors.js";

/** The single file a command reads: exactly one argument. */
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
