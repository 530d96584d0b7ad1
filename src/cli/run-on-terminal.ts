import { reportProblems } from "../present/run-lines.js";
import { OathkitError } from "../errors.js";
import { createRunStore, renderRun } from "../ui/index.js";
import { declined, stoppedAtQuestion } from "./confirm-write.js";
import { terminalIo, type CliIo } from "./io.js";
import { nothingValid, validatedEvent, type ProvisionRun } from "./provision-run.js";
import type { Summary } from "../events/run-summary.js";
import { exitCode, runSession } from "./provision-session.js";

/**
import/activate on a terminal: the ink progress UI. The plan is confirmed on screen (`y`), and
`q` or Ctrl-C stops the run after the requests in flight.
*/
export async function runOnTerminal(run: ProvisionRun, io: CliIo, rerun: string): Promise<number> {
  const { prepared, settings, scrubber } = run;
  const { validation } = prepared;
  const abort = new AbortController();
  const store = createRunStore({ scrubber });
  const ui = renderRun(store, terminalIo(io), { confirm: !run.yes, rerun });
  store.push(validatedEvent(prepared.input.file, validation));
  // The plan's question, answered on screen: y goes on, n is declined() (exit 2), q or Ctrl-C
  // stoppedAtQuestion() (exit 130). Once the run is going, q or Ctrl-C stops it (exit 130 too).
  let answer: (yes: true | Error) => void = () => undefined;
  const off = store.onIntent((intent) => {
    if (intent.type === "confirm") answer(true);
    if (intent.type === "decline") answer(declined());
    if (intent.type === "quit") {
      answer(stoppedAtQuestion());
      abort.abort();
    }
  });
  let summary: Summary | null = null;
  try {
    if (prepared.input.tokens.length === 0) return nothingValid(validation.rows, io);
    summary = await runSession(prepared, settings, scrubber, {
      signal: abort.signal,
      emit: store.push,
      confirm: () =>
        run.yes
          ? Promise.resolve(true)
          : // Ctrl-C before the question (in pre-flight) already answered it: the screen hides
            // the question of a stopping run, so waiting for an answer would wait forever.
            abort.signal.aborted
            ? Promise.reject(stoppedAtQuestion())
            : new Promise<boolean>((resolve, reject) => {
                answer = (yes) => (yes === true ? resolve(true) : reject(yes));
              }),
      onDeviceCodePrompt: (message) => store.push({ type: "warning", code: "sign-in", message }),
    });
    return exitCode(summary);
  } catch (error) {
    // Shown on screen; the top-level catch then prints the same sentence once the UI is gone.
    if (error instanceof OathkitError)
      store.push({ type: "fatal", message: error.message, hint: error.hint ?? null });
    throw error;
  } finally {
    off();
    ui.unmount();
    await ui.waitUntilExit();
    if (summary !== null) reportProblems(summary, io.stderr);
  }
}
