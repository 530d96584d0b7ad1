import type { Emit } from "../../events/provision-events.js";
import type { ImportMode, Summary } from "../../events/run-summary.js";
import type { Connection } from "../../events/intents.js";
import type { DeviceCheckChannel } from "../../events/device-check-events.js";
import type { ValidationView } from "../validation-view.js";

/** What the user chose in the guided flow: enough to build the `import` run. */
export type RunChoices = {
  path: string;
  mode: ImportMode;
  /** Activate with the code read off each device (the device check), not codes from the seeds. */
  fromDevice: boolean;
  connection: Connection;
};

/** What the controller gets to talk back to the UI during a run. */
export type RunHooks = {
  /** Pass as the core's `emit`: every ProvisionEvent goes to the screens. */
  emit: Emit;
  /** Resolves with the user's answer to the plan (the core's `confirm` option). */
  confirm: () => Promise<boolean>;
  /** Aborted when the user quits: stop after the requests in flight (the core's `signal`). */
  signal: AbortSignal;
  /** The device check's channel: prompts and verdicts in, typed codes (intents) out. */
  device: DeviceCheckChannel;
};

/**
The work behind the guided flow, implemented by the CLI (the lead's controller). The UI never
calls it: `driveGuided` does, in answer to the user's intents.

Both methods throw an `OathkitError` for a fatal condition; its message and hint are shown on
the screen (a bad file sends the user back to the file picker).
*/
export type GuidedController = {
  /** Reads and validates the file offline; nothing leaves the machine. */
  validate: (path: string) => Promise<ValidationView>;
  /**
  Pre-flight → plan → (after `hooks.confirm()`) create, assign, activate, verify, report: the
  same run as `oathkit import`, emitting its events. Resolves with the summary.
  */
  run: (choices: RunChoices, hooks: RunHooks) => Promise<Summary>;
};
