import { setImmediate as nextMacrotask } from "node:timers/promises";
import type { CliIo } from "./io.js";

export type Answer = "yes" | "no" | "interrupted";

/**
Asks a `[y/N]` question on the terminal (the prompt on stderr, so stdout stays the command's
output) and takes one key, as every question of oathkit does (the plan screen's too): `y` is yes;
`n`, Enter, Esc, any other key or end of input is no; Ctrl-C is `interrupted`.

It hands the terminal back in a state the next reader (an ink screen) can use: raw mode off, stdin
paused, and one macrotask waited — Node stops reading a paused stdin one tick later, and an ink
screen mounted before that would attach to a stream that never reads again (the process then dies
with "unsettled top-level await", exit 13, while the screen waits for a key).
*/
export async function askYesNo(
  question: string,
  io: Pick<CliIo, "stdin" | "stderr">,
): Promise<Answer> {
  const stdin = io.stdin as NodeJS.ReadStream;
  const raw = stdin.isTTY === true && typeof stdin.setRawMode === "function";
  io.stderr.write(question);
  if (raw) stdin.setRawMode(true);
  const answer = await new Promise<Answer>((resolve) => {
    const done = (a: Answer, echo: string): void => {
      stdin.off("data", onData);
      stdin.off("end", onEnd);
      io.stderr.write(`${echo}\n`);
      resolve(a);
    };
    const onData = (chunk: Buffer | string): void => {
      const key = chunk.toString()[0] ?? "";
      if (key === "\u0003") done("interrupted", "");
      else if (key === "y" || key === "Y") done("yes", "y");
      else done("no", key === "n" || key === "N" ? "n" : "");
    };
    const onEnd = (): void => done("no", ""); // end of input: no one said yes
    stdin.on("data", onData);
    stdin.once("end", onEnd);
    stdin.resume();
  });
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  await nextMacrotask();
  return answer;
}
