import type { Readable, Writable } from "node:stream";

/** Everything a command touches outside itself. Tests pass their own; the entry passes process's. */
export type CliIo = {
  stdout: Writable & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
};

export type Command = {
  name: string;
  usage: string;
  summary: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
};
