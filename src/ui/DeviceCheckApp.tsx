import { useInput, useWindowSize } from "ink";
import type { DeviceCheckState } from "./device-check-state.js";
import type { DeviceCheckEvent } from "../events/device-check-events.js";
import { DeviceCheckScreen } from "./DeviceCheckScreen.js";
import type { Store } from "./store.js";
import { screenWidth } from "./format.js";
import { useStoreState } from "./use-store-state.js";

export type DeviceCheckStore = Store<DeviceCheckState, DeviceCheckEvent>;

export type DeviceCheckAppProps = {
  readonly store: DeviceCheckStore;
  readonly width?: number | undefined;
};

/** The device-check UI: turns keys into `device-code`, `device-skip` and `quit` intents. */
export function DeviceCheckApp({ store, width }: DeviceCheckAppProps) {
  const state = useStoreState(store);
  const columns = useWindowSize().columns;
  useInput((input, key) => {
    if (key.ctrl && input === "c") {
      store.send({ type: "quit", interrupt: true });
    } else if (input === "q" || key.escape) {
      store.send({ type: "quit" });
    } else if (key.tab && state.status === "entering" && state.current !== null) {
      store.send({ type: "device-skip", serialNumber: state.current.serialNumber });
    }
  });
  return (
    <DeviceCheckScreen
      state={state}
      width={width ?? screenWidth(columns)}
      onCode={(code) => {
        if (state.current !== null)
          store.send({ type: "device-code", serialNumber: state.current.serialNumber, code });
      }}
    />
  );
}
