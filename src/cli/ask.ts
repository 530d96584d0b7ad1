import { createInterface } from "node:readline";
import { setImmediate as nextMacrotask } from "node:timers/promises";
import type { CliIo } from "./io.js";

export type Answer = "yes" | "no" | "interrupted";

/**
Asks a `[y/N]` question on the terminal (the prompt on stderr, so stdout stays the command's
output). `y`/`yes` is yes; anything else, Enter or end of input is no; Ctrl-C is `interrupted`.

It hands the terminal back in a state the next reader (an ink screen) can use. Closing readline
pauses stdin, and Node stops reading a paused stdin one tick later (`readStop` from its `pause`
listener). An ink screen mounted before that tick attaches its `readable` listener while the
stream still counts as reading, so no read is ever restarted: nothing is left to keep the event
loop alive and the process dies with "unsettled top-level await" (exit 13) while the screen waits
for a key. Waiting one macrotask after closing lets the stop happen first; the next `readable`
listener then starts reading again.
*/
export async function askYesNo(
  question: string,
  io: Pick<CliIo, "stdin" | "stderr">,
): Promise<Answer> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  const answer = await new Promise<Answer>((resolve) => {
    rl.once("SIGINT", () => {
      io.stderr.write("\n");
      resolve("interrupted");
    });
    rl.once("close", () => resolve("no")); // end of input: no one said yes
    rl.question(question, (text) => resolve(/^y(es)?$/iu.test(text.trim()) ? "yes" : "no"));
  });
  rl.close();
  await nextMacrotask();
  return answer;
}
