import type { ImportMode } from "../../provision/types.js";
import type { Connection, Intent } from "../intents.js";
import {
  initialProgress,
  reduceProgress,
  type ProgressState,
  type RunEvent,
} from "../progress-state.js";
import { validationView, type ValidationView } from "../validation-view.js";

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
  connection: Connection | null;
  /** From the choice of connection on: pre-flight, plan, confirmation, progress, summary. */
  run: ProgressState;
};

export function initialGuided(files: readonly string[]): GuidedState {
  return {
    step: "pick-file",
    files,
    path: null,
    validation: null,
    fileError: null,
    mode: null,
    connection: null,
    run: initialProgress,
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
  action: RunEvent | Intent,
  at: number,
): GuidedState {
  if (state.step === "run") return { ...state, run: reduceProgress(state.run, action, at) };
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
        ? { ...state, step: "choose-connection", mode: action.mode }
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
