import { csvCell } from "../files/csv-cell.js";
import type { TokenOutcome } from "./types.js";

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

/** The run report: one row per token, never a seed or a code. CSV or JSON by file extension. */
export function renderReport(outcomes: readonly TokenOutcome[], path: string): string {
  if (path.endsWith(".json")) return `${JSON.stringify({ tokens: outcomes }, null, 2)}\n`;
  // A number is written as is: a negative drift is data, not a formula to neutralise.
  const cell = (v: string | number | null | undefined): string =>
    typeof v === "number" ? String(v) : csvCell(v ?? "");
  const rows = outcomes.map((o) => columns.map((c) => cell(o[c])).join(","));
  return [columns.join(","), ...rows].join("\r\n") + "\r\n";
}
