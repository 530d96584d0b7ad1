import { Readable, Writable } from "node:stream";
import { runCli as oathkit } from "../../src/cli/main.js";

export type CliResult = { code: number | null; stdout: string; stderr: string };

function collect(append: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      append(chunk.toString());
      done();
    },
  });
}

/**
Runs `oathkit <args>` in the test's own process: the runCli the binary's entry calls, given its
own streams (not terminals), environment and folder. Use it wherever a child process adds
nothing — no signal, terminal, kill -9 or exit code of the real binary — it saves the start-up of
a process per run. Anything the run reaches over HTTPS must be trusted in this process
(trustEmulatorCa; the helpers that start emulators do it). `stdin` is what the run may read.
*/
export async function runInProcess(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string },
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await oathkit(args, {
    stdout: collect((text) => (stdout += text)),
    stderr: collect((text) => (stderr += text)),
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: { PATH: process.env["PATH"] ?? "", HOME: options.cwd, NO_COLOR: "1", ...options.env },
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}
