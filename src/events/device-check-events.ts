import type { Intent } from "./intents.js";

/** The controller's answer to a typed code. Never carries the code itself. */
export type DeviceCheckVerdict =
  | { kind: "match"; driftSteps: number; driftSeconds: number }
  | { kind: "mismatch"; message: string };

/**
What the controller reports during `activate --from-device` (docs/provisioning.md): one
prompt per token, then a verdict per typed code. Serials and UPNs only: never a seed or a code.
*/
export type DeviceCheckEvent =
  | { type: "device-check-started"; total: number }
  /**
  Ask for the code shown on this token now. `index` is the token's 1-based position in the run;
  `attempt` counts from 1 for the same serial (a mismatch is usually followed by a new prompt).
  */
  | {
      type: "device-prompt";
      serialNumber: string;
      upn: string | null;
      index: number;
      attempt: number;
    }
  | { type: "device-verdict"; serialNumber: string; verdict: DeviceCheckVerdict }
  | { type: "device-skipped"; serialNumber: string }
  | { type: "device-check-finished" };

/** The device check's channel: prompts and verdicts to the screen, typed codes (intents) back. */
export type DeviceCheckChannel = {
  push: (event: DeviceCheckEvent) => void;
  onIntent: (listener: (intent: Intent) => void) => () => void;
};
