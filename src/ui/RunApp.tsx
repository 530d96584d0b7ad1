import { useInput, useWindowSize } from "ink";
import type { ProgressState } from "./progress-state.js";
import type { RunEvent } from "../events/provision-events.js";
import { RunView } from "./RunView.js";
import { screenWidth } from "./format.js";
import type { Store } from "./store.js";
import { useStoreState } from "./use-store-state.js";

export type RunStore = Store<ProgressState, RunEvent>;

export type RunAppProps = {
  readonly store: RunStore;
  /** Whether the controller waits for a confirmation after the plan (false with --yes). */
  readonly confirm: boolean;
  /** Shown on an interrupted summary: the command that finishes the job. */
  readonly rerun?: string | undefined;
  /** Columns; by default the terminal's, up to 120. */
  readonly width?: number | undefined;
};

/** The `import`/`activate` UI. `q` and Ctrl-C send `quit`; it watches and never works. */
export function RunApp({ store, confirm, rerun, width }: RunAppProps) {
  const state = useStoreState(store);
  const columns = useWindowSize().columns;
  useInput((input, key) => {
    if (key.ctrl && input === "c") store.send({ type: "quit", interrupt: true });
    else if (input === "q") store.send({ type: "quit" });
  });
  return (
    <RunView
      state={state}
      send={store.send}
      confirm={confirm}
      rerun={rerun}
      width={width ?? screenWidth(columns)}
    />
  );
}
