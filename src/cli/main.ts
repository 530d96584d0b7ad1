import { createRequire } from "node:module";
import { OathkitError } from "../errors.js";
import { GraphFailure } from "../graph/index.js";
import { printable } from "../printable.js";
import { commands } from "./commands/index.js";
import type { CliIo } from "./io.js";

const pkg = createRequire(import.meta.url)("../../package.json") as { version: string };

export function renderHelp(): string {
  const width = Math.max(...commands.map((c) => c.usage.length), 10);
  const lines = commands.map((c) => `  oathkit ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    "oathkit — validate OATH seed files and provision hardware TOTP tokens into Microsoft Entra ID",
    "",
    "Usage:",
    ...lines,
    "",
    "Run `oathkit <command> --help` for a command's options. `--debug` shows stack traces.",
    "",
  ].join("\n");
}

/**
The single place that turns failures into output and exit codes: an OathkitError is one sentence
plus a next step; anything else is a bug (stack only with --debug).
*/
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  const [name, ...rest] = args;
  try {
    if (name === "--version" || name === "-v") {
      io.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const interactive = commands.find((c) => c.name === "interactive");
      if (name === undefined && interactive !== undefined && io.stdout.isTTY === true) {
        return await interactive.run(rest, io);
      }
      io.stdout.write(renderHelp());
      return name === undefined ? 2 : 0;
    }
    const command = commands.find((c) => c.name === name);
    if (command === undefined) {
      io.stderr.write(
        `Unknown command "${printable(name)}". Run \`oathkit --help\` for the list.\n`,
      );
      return 2;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof OathkitError) {
      // Messages name paths, cells and servers' words: no control characters reach the terminal.
      io.stderr.write(`${printable(error.message)}\n`);
      if (error.hint !== undefined) io.stderr.write(`${printable(error.hint)}\n`);
      if (debug && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    if (error instanceof GraphFailure) {
      // A read the run could not do without (pre-flight, listing): nothing was written after it.
      const id = error.requestId === null ? "" : ` (request id ${error.requestId})`;
      const code = error.code === null ? "" : ` ${error.code}`;
      io.stderr.write(
        `Microsoft Graph answered ${error.status ?? "nothing"}${printable(`${code}: ${error.message}${id}`)}\n`,
      );
      io.stderr.write(
        error.kind === "auth"
          ? "Check the sign-in and the roles and permissions it names, then run the command again.\n"
          : "Run the same command again; a job resumes where it stopped.\n",
      );
      return 2;
    }
    io.stderr.write(
      "oathkit stopped on an internal error; this is a bug. Re-run with --debug and report it.\n",
    );
    if (debug && error instanceof Error && error.stack !== undefined)
      io.stderr.write(`${error.stack}\n`);
    return 70;
  }
}
