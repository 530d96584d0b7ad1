import type { Readable, Writable } from "node:stream";

/** Everything a command touches outside itself. Tests pass their own; the entry passes process's. */
export type CliIo = {
  stdout: Writable & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
};

/**
The streams ink renders to. Only called once stdout and stdin are known to be terminals, which in
a real process are tty.WriteStream / tty.ReadStream.
*/
export function terminalIo(io: CliIo): {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
} {
  return {
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    stderr: io.stderr as NodeJS.WriteStream,
    env: io.env,
  };
}
