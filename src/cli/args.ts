import { isAbsolute, resolve } from "node:path";
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

/**
A path the user typed, to use from the command's folder (`io.cwd`). Kept as typed when that folder
is the process's own — messages and documents then show it as typed — else resolved against it
(runCli driven in a test's process with a folder of its own).
*/
export function fromCwd(io: { cwd: string }, path: string): string {
  return isAbsolute(path) || resolve(io.cwd) === process.cwd() ? path : resolve(io.cwd, path);
}
