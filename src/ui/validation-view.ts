import type { ProvisionEvent } from "../events/provision-events.js";

/**
The validation result as the screens show it: exactly the fields of the `validate --json`
document (README, "Commands") — file, format, seedEncoding, rows, valid, rejected, issues.
*/
export type ValidationView = Omit<Extract<ProvisionEvent, { type: "validated" }>, "type">;

/** The view of a `validated` event: its fields without the event's `type`. */
export function validationView(
  event: Extract<ProvisionEvent, { type: "validated" }>,
): ValidationView {
  const { file, format, seedEncoding, rows, valid, rejected, issues } = event;
  return { file, format, seedEncoding, rows, valid, rejected, issues };
}
