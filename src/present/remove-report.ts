import { csvHeaderLines, jsonReport, type ReportHeader } from "../files/report-header.js";
import { csv, utf8Bom } from "./inventory-csv.js";
import type { RemoveOutcome } from "../events/remove-events.js";

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

/**
The remove report: the audit header (files/report-header.ts), then one row per serial asked for
(same CSV rules as the list export); JSON when the path ends in `.json`.
*/
export function renderRemoveReport(
  outcomes: readonly RemoveOutcome[],
  path: string,
  header: ReportHeader,
): string {
  if (path.toLowerCase().endsWith(".json")) return jsonReport(header, "serials", outcomes);
  const table = csv(
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
  const lines = csvHeaderLines(header).join("\r\n");
  return `${utf8Bom}${lines}\r\n${table.replace(utf8Bom, "")}`;
}
