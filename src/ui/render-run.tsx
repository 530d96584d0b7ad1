import { render } from "ink";
import { initialProgress, reduceProgress } from "./progress-state.js";
import { type RunEvent } from "../events/provision-events.js";
import { RunApp, type RunStore } from "./RunApp.js";
import { createStore, type StoreOptions } from "./store.js";
import { inkOptions, type MountedUi, type UiIo } from "./ui-io.js";

export type RenderRunOptions = {
  /**
  Whether the controller asks for a confirmation after the plan.
  @default true
  */
  confirm?: boolean;
  /** The command that finishes an interrupted run, shown on the summary. */
  rerun?: string;
};

/** A store for one `import`/`activate` run: pass `store.push` as the core's `emit`. */
export function createRunStore(options: StoreOptions = {}): RunStore {
  return createStore<typeof initialProgress, RunEvent>(reduceProgress, initialProgress, options);
}

/**
Mounts the progress UI of `import`/`activate`, for when stdout is a TTY (otherwise use the plain
reporter). Ctrl-C does not kill the process: it sends a `quit` intent, like `q`, so the
controller can stop after the requests in flight and leave the journal consistent.
*/
export function renderRun(store: RunStore, io: UiIo, options: RenderRunOptions = {}): MountedUi {
  const instance = render(
    <RunApp store={store} confirm={options.confirm ?? true} rerun={options.rerun} />,
    inkOptions(io),
  );
  return { waitUntilExit: () => instance.waitUntilExit(), unmount: () => instance.unmount() };
}
