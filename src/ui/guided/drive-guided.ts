import { AuthError, OathkitError, TenantError, UsageError } from "../../errors.js";
import type { Summary } from "../../events/run-summary.js";
import type { Intent } from "../../events/intents.js";
import type { RunEvent } from "../../events/provision-events.js";
import type { DeviceCheckEvent } from "../../events/device-check-events.js";
import type { Store } from "../store.js";
import type { GuidedController, RunChoices } from "./guided-controller.js";
import type { GuidedState } from "./guided-state.js";
import type { GuidedEvent } from "../../events/guided-events.js";

export type GuidedStore = Store<GuidedState, RunEvent | DeviceCheckEvent | GuidedEvent>;

/** How the user left the guided flow; the CLI turns it into the exit code (docs/ui.md). */
export type GuidedResult = {
  /** The run's summary, when a run ended. */
  summary: Summary | null;
  /** Ctrl-C anywhere, a stop during a run, or leaving before any run ended: exit 130. */
  interrupted: boolean;
  /** The fatal error on screen when the user left (its exit code applies), if any. */
  error: OathkitError | null;
  /** A run left before its first write is still finishing its reads (sign-in, pre-flight). */
  pending: boolean;
};

type Run = {
  abort: AbortController;
  answer: ((yes: boolean) => void) | null;
  confirmed: boolean;
  declined: boolean;
  /** Left by the user before any write (Esc, quit): its events and results are dropped. */
  abandoned: boolean;
  settled: boolean;
};

/** Failures of the tenant step: the user is sent back to it with what was typed. */
const tenantFailures = [AuthError, TenantError, UsageError];

/**
Connects the guided UI to the controller: turns intents into controller calls and results into
events. Resolves when the user leaves. Before the plan is confirmed nothing is written, so a quit
leaves at once and Esc abandons the run; after it, a quit stops the run after the requests in
flight and leaves when it has stopped. A fatal `OathkitError` is shown on the screen (a failed
sign-in sends the user back to the tenant step); any other error is a bug and rejects.
*/
export function driveGuided(
  store: GuidedStore,
  controller: GuidedController,
): Promise<GuidedResult> {
  return new Promise((resolve, reject) => {
    const runs = new Set<Run>();
    let run: Run | null = null;
    let summary: Summary | null = null;
    let error: OathkitError | null = null;
    let leaveWhenStopped = false;
    let unsubscribe = (): void => {};

    const leave = (interrupted: boolean): void => {
      unsubscribe();
      const pending = [...runs].some((r) => !r.settled);
      resolve({ summary, interrupted, error, pending });
    };
    const bug = (e: unknown): void => {
      unsubscribe();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const answer = (r: Run | null, yes: boolean): void => {
      r?.answer?.(yes);
      if (r !== null) r.answer = null;
    };
    const abandon = (r: Run): void => {
      r.abandoned = true;
      answer(r, false);
      r.abort.abort();
    };
    const failed = (r: Run, e: unknown): void => {
      if (!(e instanceof OathkitError)) return bug(e);
      if (r.abandoned) return;
      if (!r.confirmed && !r.declined && tenantFailures.some((c) => e instanceof c)) {
        const step = e instanceof TenantError ? "tenant" : "sign-in";
        store.push({ type: "connection-failed", step, message: e.message, hint: e.hint ?? null });
        return;
      }
      error = e;
      // A declined plan gets the guided flow's own next steps on screen, not the command's hint.
      if (!r.declined) store.push({ type: "fatal", message: e.message, hint: e.hint ?? null });
    };

    const start = (choices: RunChoices): void => {
      const r: Run = {
        abort: new AbortController(),
        answer: null,
        confirmed: false,
        declined: false,
        abandoned: false,
        settled: false,
      };
      runs.add(r);
      run = r;
      error = null;
      const push = (event: RunEvent | DeviceCheckEvent): void => {
        if (!r.abandoned) store.push(event);
      };
      const hooks = {
        emit: push,
        confirm: () => new Promise<boolean>((yes) => (r.answer = yes)),
        signal: r.abort.signal,
        device: { push, onIntent: store.onIntent },
      };
      controller
        .run(choices, hooks)
        .then(
          (s) => {
            if (!r.abandoned) summary = s;
          },
          (e: unknown) => failed(r, e),
        )
        .finally(() => {
          r.settled = true;
          if (run === r) run = null;
          if (leaveWhenStopped && !r.abandoned) leave(true);
        });
    };

    const onIntent = (intent: Intent): void => {
      switch (intent.type) {
        case "choose-file":
          controller.validate(intent.path).then(
            (view) => {
              if (store.getState().path === intent.path) store.push({ type: "validated", ...view });
            },
            (e: unknown) => {
              if (!(e instanceof OathkitError)) bug(e);
              else store.push({ type: "fatal", message: e.message, hint: e.hint ?? null });
            },
          );
          return;
        case "choose-connection": {
          const { path, mode, fromDevice, step } = store.getState();
          if (path === null || mode === null || run !== null || step !== "run") return;
          start({ path, mode, fromDevice, connection: intent.connection });
          return;
        }
        case "confirm":
          if (run?.answer != null) run.confirmed = true;
          answer(run, true);
          return;
        case "decline":
          if (run?.answer != null) run.declined = true;
          answer(run, false);
          return;
        case "back":
          // The reducer has moved already. Out of the run (before the plan was confirmed: nothing
          // was written), the run is left and what it showed is behind the user.
          if (store.getState().step === "run") return;
          if (run !== null) abandon(run);
          run = null;
          error = null;
          return;
        case "quit":
          if (run !== null && run.confirmed) {
            leaveWhenStopped = true;
            run.abort.abort();
            return;
          }
          if (run !== null) abandon(run);
          leave(intent.interrupt === true || (summary === null && error === null));
          return;
        default:
          return;
      }
    };
    unsubscribe = store.onIntent(onIntent);
  });
}
