import { OathkitError } from "../../errors.js";
import type { Summary } from "../../provision/types.js";
import type { Intent } from "../intents.js";
import type { RunEvent } from "../progress-state.js";
import type { DeviceCheckEvent } from "../device-check-state.js";
import type { Store } from "../store.js";
import type { GuidedController } from "./guided-controller.js";
import type { GuidedState } from "./guided-state.js";

export type GuidedStore = Store<GuidedState, RunEvent | DeviceCheckEvent>;

/**
Connects the guided UI to the controller: turns intents into controller calls and results into
events. Resolves when the user quits, with the run's summary if a run ended. A fatal
`OathkitError` is shown on the screen; any other error is a bug and rejects.
*/
export function driveGuided(
  store: GuidedStore,
  controller: GuidedController,
): Promise<{ summary: Summary | null }> {
  return new Promise((resolve, reject) => {
    const abort = new AbortController();
    let answer: ((yes: boolean) => void) | null = null;
    let running: Promise<unknown> | null = null;
    let summary: Summary | null = null;
    let unsubscribe = (): void => {};

    const fail = (error: unknown): void => {
      if (error instanceof OathkitError)
        store.push({ type: "fatal", message: error.message, hint: error.hint ?? null });
      else {
        unsubscribe();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const decide = (yes: boolean): void => {
      answer?.(yes);
      answer = null;
    };

    const onIntent = (intent: Intent): void => {
      switch (intent.type) {
        case "choose-file":
          controller.validate(intent.path).then((view) => {
            if (store.getState().path === intent.path) store.push({ type: "validated", ...view });
          }, fail);
          return;
        case "choose-connection": {
          const { path, mode, fromDevice } = store.getState();
          if (path === null || mode === null || running !== null) return;
          const hooks = {
            emit: store.push,
            confirm: () => new Promise<boolean>((r) => (answer = r)),
            signal: abort.signal,
            device: { push: store.push, onIntent: store.onIntent },
          };
          running = controller
            .run({ path, mode, fromDevice, connection: intent.connection }, hooks)
            .then((s) => (summary = s), fail)
            .finally(() => (running = null));
          return;
        }
        case "confirm":
          decide(true);
          return;
        case "decline":
          decide(false);
          return;
        case "quit":
          decide(false);
          if (running !== null) abort.abort();
          else {
            unsubscribe();
            resolve({ summary });
          }
          return;
        default:
          return;
      }
    };
    unsubscribe = store.onIntent(onIntent);
  });
}
