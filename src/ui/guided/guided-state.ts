import type { ImportMode } from "../../provision/types.js";
import type { Connection, Intent } from "../intents.js";
import {
  initialProgress,
  reduceProgress,
  type ProgressState,
  type RunEvent,
} from "../progress-state.js";
import { validationView, type ValidationView } from "../validation-view.js";
import {
  initialDeviceCheck,
  reduceDeviceCheck,
  type DeviceCheckEvent,
  type DeviceCheckState,
} from "../device-check-state.js";

/** The steps of `oathkit` with no arguments, in order. */
export type GuidedStep =
  "pick-file" | "validating" | "validation" | "choose-mode" | "choose-connection" | "run";

export type GuidedState = {
  step: GuidedStep;
  /** Seed files found in the current folder, offered first. */
  files: readonly string[];
  path: string | null;
  validation: ValidationView | null;
  /** Why the last file could not be used (a fatal input error), shown on the file picker. */
  fileError: { message: string; hint: string | null } | null;
  mode: ImportMode | null;
  /** Activate with codes read off each device instead of codes computed from the seeds. */
  fromDevice: boolean;
  connection: Connection | null;
  /** From the choice of connection on: pre-flight, plan, confirmation, progress, summary. */
  run: ProgressState;
  /** The device check, while the run asks for codes (fromDevice only). */
  device: DeviceCheckState;
};

export function initialGuided(files: readonly string[]): GuidedState {
  return {
    step: "pick-file",
    files,
    path: null,
    validation: null,
    fileError: null,
    mode: null,
    fromDevice: false,
    connection: null,
    run: initialProgress,
    device: initialDeviceCheck,
  };
}

const previous: Partial<Record<GuidedStep, GuidedStep>> = {
  validation: "pick-file",
  "choose-mode": "validation",
  "choose-connection": "choose-mode",
};

/**
The guided flow as a pure state machine. Intents move it forward (the controller acts on the
same intents); the controller's events bring results back: `validated` or `fatal` after a file
is chosen, then the run's events once a connection is chosen.
*/
export function reduceGuided(
  state: GuidedState,
  action: RunEvent | DeviceCheckEvent | Intent,
  at: number,
): GuidedState {
  if (state.step === "run") {
    if (isDeviceCheckEvent(action))
      return { ...state, device: reduceDeviceCheck(state.device, action, at) };
    const device =
      state.fromDevice && isIntent(action)
        ? reduceDeviceCheck(state.device, action, at)
        : state.device;
    return { ...state, run: reduceProgress(state.run, action, at), device };
  }
  switch (action.type) {
    case "choose-file":
      return state.step === "pick-file"
        ? { ...state, step: "validating", path: action.path, validation: null, fileError: null }
        : state;
    case "validated":
      if (state.step !== "validating") return state;
      return { ...state, step: "validation", validation: validationView(action) };
    case "fatal":
      return state.step === "validating"
        ? { ...state, step: "pick-file", fileError: { message: action.message, hint: action.hint } }
        : state;
    case "continue":
      return state.step === "validation" && (state.validation?.valid ?? 0) > 0
        ? { ...state, step: "choose-mode" }
        : state;
    case "choose-mode":
      return state.step === "choose-mode"
        ? {
            ...state,
            step: "choose-connection",
            mode: action.mode,
            fromDevice: action.fromDevice === true,
          }
        : state;
    case "choose-connection":
      return state.step === "choose-connection"
        ? { ...state, step: "run", connection: action.connection, run: initialProgress }
        : state;
    case "back": {
      const to = previous[state.step];
      return to === undefined ? state : { ...state, step: to };
    }
    default:
      return state;
  }
}

const deviceCheckEvents: ReadonlySet<string> = new Set([
  "device-check-started",
  "device-prompt",
  "device-verdict",
  "device-skipped",
  "device-check-finished",
]);

function isDeviceCheckEvent(
  action: RunEvent | DeviceCheckEvent | Intent,
): action is DeviceCheckEvent {
  return deviceCheckEvents.has(action.type);
}

const deviceIntents: ReadonlySet<string> = new Set(["device-code", "device-skip", "quit"]);

function isIntent(action: RunEvent | Intent): action is Intent {
  return deviceIntents.has(action.type);
}
