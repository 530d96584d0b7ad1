import type { ImportMode } from "../../events/run-summary.js";
import type { Connection, Intent } from "../../events/intents.js";
import { initialProgress, reduceProgress, type ProgressState } from "../progress-state.js";
import { type RunEvent } from "../../events/provision-events.js";
import { validationView, type ValidationView } from "../validation-view.js";
import {
  initialDeviceCheck,
  reduceDeviceCheck,
  type DeviceCheckState,
} from "../device-check-state.js";
import { type DeviceCheckEvent } from "../../events/device-check-events.js";
import type { GuidedEvent } from "../../events/guided-events.js";

/** Why the tenant step failed, shown on it. */
export type ConnectionError = Omit<GuidedEvent, "type">;

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
  /** The last connection chosen: the tenant form opens with it filled in when it is shown again. */
  connection: Connection | null;
  /** Why the last run could not use the tenant, shown on the tenant step. */
  connectionError: ConnectionError | null;
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
    connectionError: null,
    run: initialProgress,
    device: initialDeviceCheck,
  };
}

const previous: Partial<Record<GuidedStep, GuidedStep>> = {
  validating: "pick-file",
  validation: "pick-file",
  "choose-mode": "validation",
  "choose-connection": "choose-mode",
};

/**
The guided flow as a pure state machine. Intents move it forward (the controller acts on the
same intents); the controller's events bring results back: `validated` or `fatal` after a file
is chosen, then the run's events once a connection is chosen. Esc (`back`) goes back one step
from every screen until the user confirms the plan; from the run, back to the tenant step.
*/
export function reduceGuided(
  state: GuidedState,
  action: RunEvent | DeviceCheckEvent | GuidedEvent | Intent,
  at: number,
): GuidedState {
  if (state.step === "run") {
    const backToTenant = (error: GuidedState["connectionError"]): GuidedState => ({
      ...state,
      step: "choose-connection",
      connectionError: error,
      run: initialProgress,
      device: initialDeviceCheck,
    });
    if (action.type === "connection-failed")
      return backToTenant({ step: action.step, message: action.message, hint: action.hint });
    if (action.type === "back")
      return state.run.decision === "confirmed" ? state : backToTenant(null);
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
        ? {
            ...state,
            step: "run",
            connection: action.connection,
            connectionError: null,
            run: initialProgress,
            device: initialDeviceCheck,
          }
        : state;
    case "back": {
      const to = previous[state.step];
      return to === undefined ? state : { ...state, step: to, connectionError: null };
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
  action: RunEvent | DeviceCheckEvent | GuidedEvent | Intent,
): action is DeviceCheckEvent {
  return deviceCheckEvents.has(action.type);
}

const deviceIntents: ReadonlySet<string> = new Set(["device-code", "device-skip", "quit"]);

function isIntent(action: RunEvent | DeviceCheckEvent | GuidedEvent | Intent): action is Intent {
  return deviceIntents.has(action.type);
}
