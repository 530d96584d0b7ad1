import { csvCell } from "../files/csv-cell.js";
import { csvHeaderLines, jsonReport, type ReportHeader } from "../files/report-header.js";
import type { TokenOutcome } from "../events/run-summary.js";

const columns = [
  "line",
  "serialNumber",
  "upn",
  "deviceId",
  "state",
  "status",
  "stage",
  "errorCode",
  "message",
  "requestId",
  "driftSeconds",
] as const;

/**
The run report: the audit header (files/report-header.ts), then one row per row of the file,
never a seed or a code. JSON when the path ends in `.json`, else CSV.
*/
export function renderReport(
  outcomes: readonly TokenOutcome[],
  path: string,
  header: ReportHeader,
): string {
  if (path.toLowerCase().endsWith(".json")) return jsonReport(header, "tokens", outcomes);
  // A number is written as is: a negative drift is data, not a formula to neutralise.
  const cell = (v: string | number | null | undefined): string =>
    typeof v === "number" ? String(v) : csvCell(v ?? "");
  const rows = outcomes.map((o) => columns.map((c) => cell(o[c])).join(","));
  // A UTF-8 byte-order mark, as the list export has: without it Excel mangles non-ASCII UPNs.
  return `\uFEFF${[...csvHeaderLines(header), columns.join(","), ...rows].join("\r\n")}\r\n`;
}
