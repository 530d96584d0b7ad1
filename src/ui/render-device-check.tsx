import { render } from "ink";
import {
  initialDeviceCheck,
  reduceDeviceCheck,
  type DeviceCheckState,
} from "./device-check-state.js";
import { type DeviceCheckEvent } from "../events/device-check-events.js";
import { DeviceCheckApp, type DeviceCheckStore } from "./DeviceCheckApp.js";
import { createStore, type StoreOptions } from "./store.js";
import { inkOptions, type MountedUi, type UiIo } from "./ui-io.js";

/** A store for `activate --from-device`: push DeviceCheckEvents, listen for intents. */
export function createDeviceCheckStore(options: StoreOptions = {}): DeviceCheckStore {
  return createStore<DeviceCheckState, DeviceCheckEvent>(
    reduceDeviceCheck,
    initialDeviceCheck,
    options,
  );
}

/** Mounts the device check. The controller answers each `device-code` intent with a verdict. */
export function renderDeviceCheck(store: DeviceCheckStore, io: UiIo): MountedUi {
  const instance = render(<DeviceCheckApp store={store} />, inkOptions(io));
  return { waitUntilExit: () => instance.waitUntilExit(), unmount: () => instance.unmount() };
}
