import type { ProvisionEvent } from "../events/provision-events.js";
import type { Scrubber } from "../secrets/scrubber.js";
import type { ValidationResult } from "../validate/validate-file.js";
import { confirmWrite, type WriteConsent } from "./confirm-write.js";
import type { CliIo } from "./io.js";
import type { PreparedInput } from "../import/prepare-input.js";
import type { SessionSettings } from "./provision-session.js";

/** A validated file ready to run, with the settings it runs under. */
export type ProvisionRun = {
  prepared: PreparedInput;
  settings: SessionSettings;
  scrubber: Scrubber;
  /** --yes: no question, and rejected rows do not stop the run. */
  yes: boolean;
};

export function validatedEvent(file: string, v: ValidationResult): ProvisionEvent {
  const { format, seedEncoding, rows, valid, rejected, issues } = v;
  return { type: "validated", file, format, seedEncoding, rows, valid, rejected, issues };
}

/** Nothing to send: exit 1 when rows were rejected, 2 when the file had none. */
export function nothingValid(rows: number, io: CliIo): number {
  io.stderr.write(
    rows === 0
      ? "The file has no token rows.\n"
      : "No row is valid; nothing was sent to the tenant.\n",
  );
  return rows === 0 ? 2 : 1;
}

/**
The plain-output question before the first write, under the one rule of `confirmWrite`: --yes
goes on, a terminal is asked, anything else writes nothing (exit 2).
*/
export function confirmProvision(
  consent: WriteConsent,
  rejected: number,
  toWrite: number,
  io: CliIo,
): Promise<boolean> {
  const question =
    rejected > 0
      ? `${rejected} row${rejected === 1 ? " is" : "s are"} rejected. Go on with the valid rows only? [y/N] `
      : "Go on? [y/N] ";
  const what = `write ${toWrite} token${toWrite === 1 ? "" : "s"} to the tenant`;
  return confirmWrite(consent, what, question, io).then(() => true);
}
