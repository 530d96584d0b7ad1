import { csv } from "./inventory-csv.js";
import type { RemoveOutcome } from "./remove-tokens.js";

const columns = [
  "serialNumber",
  "state",
  "deviceId",
  "userPrincipalName",
  "userId",
  "stage",
  "errorKind",
  "errorCode",
  "message",
  "requestId",
] as const;

/** The remove report: one row per serial asked for (same CSV rules as the list export). */
export function renderRemoveReport(outcomes: readonly RemoveOutcome[]): string {
  return csv(
    columns,
    outcomes.map((o) => [
      o.serialNumber,
      o.state,
      o.deviceId ?? "",
      o.upn ?? "",
      o.userId ?? "",
      o.stage ?? "",
      o.errorKind ?? "",
      o.errorCode ?? "",
      o.message ?? "",
      o.requestId ?? "",
    ]),
  );
}
