#!/usr/bin/env node
import { runCli } from "./cli/main.js";

// A reader that stops early (`oathkit validate f.csv | head -1`) closes the pipe: what is left to
// print is nobody's, so the write errors are dropped and the command ends with its own exit code,
// rather than an unhandled 'error' event and a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
