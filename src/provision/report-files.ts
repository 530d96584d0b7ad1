import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { TokenOutcome } from "./types.js";

/** Cells that a spreadsheet would run as a formula are prefixed with a quote (OWASP ASVS 1.2.10). */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
}

export function csvCell(cell: string, delimiter = ","): string {
  return /["\r\n]/u.test(cell) || cell.includes(delimiter)
    ? `"${cell.replaceAll('"', '""')}"`
    : cell;
}

/** Creates (or replaces) a file oathkit owns, with mode 0600 from the first byte. */
export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, "w", 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

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
] as const;

/** The run report: one row per token, never a seed or a code. CSV or JSON by file extension. */
export function renderReport(outcomes: readonly TokenOutcome[], path: string): string {
  if (path.endsWith(".json")) return `${JSON.stringify({ tokens: outcomes }, null, 2)}\n`;
  const rows = outcomes.map((o) =>
    columns.map((c) => csvCell(spreadsheetSafe(String(o[c] ?? "")))).join(","),
  );
  return [columns.join(","), ...rows].join("\r\n") + "\r\n";
}
