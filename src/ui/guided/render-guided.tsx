import { render } from "ink";
import type { RunEvent } from "../../events/provision-events.js";
import type { DeviceCheckEvent } from "../../events/device-check-events.js";
import { createStore, type StoreOptions } from "../store.js";
import { inkOptions, type MountedUi, type UiIo } from "../ui-io.js";
import type { GuidedStore } from "./drive-guided.js";
import { GuidedApp } from "./GuidedApp.js";
import { initialGuided, reduceGuided, type GuidedState } from "./guided-state.js";
import { type GuidedEvent } from "../../events/guided-events.js";

/** A store for the guided flow, starting on the file picker with the folder's seed files. */
export function createGuidedStore(
  files: readonly string[],
  options: StoreOptions = {},
): GuidedStore {
  return createStore<GuidedState, RunEvent | DeviceCheckEvent | GuidedEvent>(
    reduceGuided,
    initialGuided(files),
    options,
  );
}

/**
Mounts the guided flow. Wiring, in the CLI:

    const store = createGuidedStore(seedFilesInCwd, { scrubber });
    const ui = renderGuided(store, io);
    const result = await driveGuided(store, controller);   // resolves when the user leaves
    ui.unmount();
*/
export function renderGuided(store: GuidedStore, io: UiIo): MountedUi {
  const instance = render(<GuidedApp store={store} />, inkOptions(io));
  return { waitUntilExit: () => instance.waitUntilExit(), unmount: () => instance.unmount() };
}
