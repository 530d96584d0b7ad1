import type { DeviceCheckEvent, DeviceCheckVerdict } from "../events/device-check-events.js";
import type { Intent } from "../events/intents.js";

export type DeviceCheckState = {
  total: number;
  current: { serialNumber: string; upn: string | null; index: number; attempt: number } | null;
  /** `entering`: waiting for the code; `checking`: code sent, verdict pending. */
  status: "idle" | "entering" | "checking" | "finished";
  /** The verdict for the last code typed, shown (with its serial) until the next verdict. */
  verdict: { serialNumber: string; verdict: DeviceCheckVerdict } | null;
  tally: { checked: number; matched: number; mismatched: number; skipped: number };
  stopping: boolean;
};

export const initialDeviceCheck: DeviceCheckState = {
  total: 0,
  current: null,
  status: "idle",
  verdict: null,
  tally: { checked: 0, matched: 0, mismatched: 0, skipped: 0 },
  stopping: false,
};

/**
Pure fold of device-check events and intents. A `device-code` intent only moves the screen to
"checking": the typed code is deliberately not kept — it goes to the controller alone.
*/
export function reduceDeviceCheck(
  state: DeviceCheckState,
  action: DeviceCheckEvent | Intent,
  _at: number,
): DeviceCheckState {
  switch (action.type) {
    case "device-check-started":
      return { ...initialDeviceCheck, total: action.total };
    case "device-prompt":
      return {
        ...state,
        status: "entering",
        current: {
          serialNumber: action.serialNumber,
          upn: action.upn,
          index: action.index,
          attempt: action.attempt,
        },
      };
    case "device-code":
      return state.status === "entering" ? { ...state, status: "checking" } : state;
    case "device-verdict": {
      const matched = action.verdict.kind === "match";
      const tally = {
        ...state.tally,
        checked: state.tally.checked + 1,
        matched: state.tally.matched + (matched ? 1 : 0),
        mismatched: state.tally.mismatched + (matched ? 0 : 1),
      };
      return {
        ...state,
        status: "idle",
        tally,
        verdict: { serialNumber: action.serialNumber, verdict: action.verdict },
      };
    }
    case "device-skipped":
      // The verdict shown belonged to the token just skipped (or one before it): clear it.
      return {
        ...state,
        status: "idle",
        verdict: null,
        tally: { ...state.tally, skipped: state.tally.skipped + 1 },
      };
    case "device-check-finished":
      return { ...state, status: "finished", current: null };
    case "quit":
      return state.status === "finished" ? state : { ...state, stopping: true };
    default:
      return state;
  }
}
