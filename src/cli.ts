#!/usr/bin/env node
import { runCli } from "./cli/main.js";

// A reader that stops early (`oathkit validate f.csv | head -1`) closes the pipe: what is left to
// print is nobody's, so the write errors are dropped and the command ends with its own exit code,
// rather than an unhandled 'error' event and a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });

// `npm run oathkit -- <command>` runs in the clone's folder, wherever it was typed: the paths the
// admin typed are relative to where they typed them, which npm keeps in INIT_CWD.
const typedIn = process.env["INIT_CWD"];
if (process.env["npm_lifecycle_event"] === "oathkit" && typedIn !== undefined && typedIn !== "") {
  try {
    process.chdir(typedIn);
  } catch {
    // That folder is gone: paths resolve against the clone, as npm left them.
  }
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
