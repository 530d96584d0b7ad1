import { createRequire } from "node:module";
import { OathkitError } from "../errors.js";
import { GraphFailure } from "../graph/graph-failure.js";
import { printable } from "../present/printable.js";
import { commandHelp, type Command } from "./command.js";
import { commands } from "./commands/index.js";
import { didYouMean } from "./did-you-mean.js";
import type { CliIo } from "./io.js";
import { parseOptions, sentence } from "./options/parse.js";

const pkg = createRequire(import.meta.url)("../../package.json") as { version: string };

export function renderHelp(): string {
  const listed = commands.filter((c) => c.name !== "interactive");
  const width = Math.max(...listed.map((c) => c.usage.length), 10);
  const lines = listed.map((c) => `  oathkit ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    "oathkit — validate OATH seed files and provision hardware TOTP tokens into Microsoft Entra ID",
    "",
    "Usage:",
    `  oathkit ${"".padEnd(width)}  the guided flow, in a terminal`,
    ...lines,
    "",
    "Examples:",
    "  oathkit validate tokens.csv",
    "  oathkit import tokens.csv --emulator          # try it against a local emulator",
    "  oathkit import tokens.csv --tenant contoso.onmicrosoft.com --client-id <app id>",
    "",
    "From a clone, run it as `npm run oathkit -- <command> …`.",
    "`oathkit <command> --help` shows a command's options; --version (-V) the version; --debug",
    "adds stack traces to errors.",
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
    if (name === "--version" || name === "-V" || name === "-v") {
      io.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const interactive = commands.find((c) => c.name === "interactive");
      if (name === undefined && interactive !== undefined && io.stdout.isTTY === true) {
        return await runCommand(interactive, rest, io);
      }
      io.stdout.write(renderHelp());
      if (name === undefined) {
        // Say why this is help and not the guided flow (exit 2: nothing was done).
        io.stderr.write(
          "`oathkit` alone opens the guided flow, which needs a terminal; off a terminal, use one of the commands above.\n",
        );
      }
      return name === undefined ? 2 : 0;
    }
    const command = commands.find((c) => c.name === name);
    if (command === undefined) {
      const names = commands.filter((c) => c.name !== "interactive").map((c) => c.name);
      const what = name.startsWith("-") ? "option" : "command";
      const options = ["--help", "--version"];
      const guess = didYouMean(name, what === "option" ? options : names);
      const text = `unknown ${what} ${printable(name)}${guess === null ? "" : `; did you mean ${guess}?`}`;
      io.stderr.write(`${sentence(text)} See \`oathkit --help\`.\n`);
      return 2;
    }
    return await runCommand(command, rest, io);
  } catch (error) {
    if (error instanceof OathkitError) {
      if (args.includes("--json")) {
        // Scripts read stdout: one document saying why nothing was done (the text goes to stderr).
        const { code, message, hint } = error;
        io.stdout.write(`${JSON.stringify({ error: { code, message, hint: hint ?? null } })}\n`);
      }
      // Messages name paths, cells and servers' words: no control characters reach the terminal.
      io.stderr.write(`${printable(error.message)}\n`);
      if (error.hint !== undefined) io.stderr.write(`${printable(error.hint)}\n`);
      if (debug && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    if (error instanceof GraphFailure) {
      // Commands turn these into sentences naming the step and host (describe-failure.ts);
      // this is the fallback for one that escaped: still one sentence, nothing written after it.
      const id = error.requestId === null ? "" : ` (request id ${error.requestId})`;
      io.stderr.write(`A Microsoft Graph call failed: ${printable(`${error.message}${id}`)}\n`);
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

/** Parses a command's options; `--help` is answered from the declarations, else its module runs. */
async function runCommand(command: Command, args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions(command.name, args, command.options, command.positionals);
  if (parsed.help) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  const implementation = await command.load();
  return implementation.run({ ...parsed, args }, io);
}
