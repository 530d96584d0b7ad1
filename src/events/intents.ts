import type { AuthMode } from "../graph/auth-modes.js";
import type { ImportMode } from "./run-summary.js";

/** How the guided flow reaches a tenant: the local emulator, or a real tenant. */
export type Connection =
  { kind: "emulator" } | { kind: "tenant"; tenantId: string; clientId: string; auth: AuthMode };

/**
What the user asked for, sent from the UI to the controller (the CLI). The UI never starts work:
it turns keystrokes into intents, the controller does the work and answers with events.

`device-code` carries the code typed off a physical token. It is a secret: the reducers never
keep it and nothing renders it; only the controller reads it.
*/
export type Intent =
  /** Go on after the plan: the first write may start. */
  | { type: "confirm" }
  /** Do not go on after the plan: nothing is written. */
  | { type: "decline" }
  /**
  Stop: before a run, leave; during a run, stop after the requests in flight. `interrupt` is set
  when the key was Ctrl-C (the guided flow then always exits 130; `q` at its summary does not).
  */
  | { type: "quit"; interrupt?: boolean }
  | { type: "choose-file"; path: string }
  /** Leave the validation result and go on to choosing the mode. */
  | { type: "continue" }
  /** Guided flow: back to the previous step (before the run starts). */
  | { type: "back" }
  /** `fromDevice`: activate with the code read off each physical token (the device check). */
  | { type: "choose-mode"; mode: ImportMode; fromDevice?: boolean }
  | { type: "choose-connection"; connection: Connection }
  | { type: "device-code"; serialNumber: string; code: string }
  | { type: "device-skip"; serialNumber: string };

export type SendIntent = (intent: Intent) => void;
