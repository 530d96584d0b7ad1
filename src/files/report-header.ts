import { csvCell } from "./csv-cell.js";

/**
The audit record at the head of every report oathkit writes (import, activate, remove): who ran
what, where and when — so a report attached to a ticket stands on its own. Never a secret: the
command line is given with secret values replaced (command-line.ts), identities are ids or UPNs.
*/
export type ReportHeader = {
  command: string;
  mode: string;
  oathkitVersion: string;
  /** As typed, with any secret value replaced by `<redacted>`. */
  commandLine: string;
  tenantId: string;
  graphHost: string;
  /** From the access token: an app's id or a person's UPN; null when the token does not say. */
  signedInAs: { kind: "app" | "user"; id: string } | null;
  /** The input file and its SHA-256, when the command read one. */
  input: string | null;
  inputSha256: string | null;
  journal: string | null;
  /** UTC, ISO 8601. */
  startedAt: string;
  finishedAt: string;
  counts: Readonly<Record<string, number>>;
  /** How the input was read where it matters for an audit: a file read despite its mode. */
  notes: readonly string[];
};

/** The report header's fields known before the run ends (the rest: finish time and counts). */
export type AuditBase = Omit<ReportHeader, "finishedAt" | "counts" | "command" | "mode">;

/**
The CSV form: one `# name,value` record per field before the table's header line. A CSV reader
that knows comment lines (`#`) skips them, `remove --file` skips them, and a spreadsheet shows
each as a name in column A and its value in column B above the table.
*/
export function csvHeaderLines(header: ReportHeader): string[] {
  const who = header.signedInAs === null ? "" : `${header.signedInAs.kind} ${header.signedInAs.id}`;
  const fields: Array<[string, string]> = [
    ["report", `oathkit ${header.command}`],
    ["mode", header.mode],
    ["oathkitVersion", header.oathkitVersion],
    ["commandLine", header.commandLine],
    ["tenantId", header.tenantId],
    ["graphHost", header.graphHost],
    ["signedInAs", who],
    ["input", header.input ?? ""],
    ["inputSha256", header.inputSha256 ?? ""],
    ["journal", header.journal ?? ""],
    ["startedAt", header.startedAt],
    ["finishedAt", header.finishedAt],
    ...Object.entries(header.counts).map(([k, v]): [string, string] => [`counts.${k}`, String(v)]),
    ...header.notes.map((note): [string, string] => ["note", note]),
  ];
  return fields.map(([name, value]) => `# ${name},${csvCell(value)}`);
}

/** The JSON form: the same fields under `run`, beside the rows. */
export function jsonReport(header: ReportHeader, rowsKey: string, rows: unknown): string {
  return `${JSON.stringify({ run: header, [rowsKey]: rows }, null, 2)}\n`;
}

/** Lines of a report CSV before its table: the ones starting with `#` (see csvHeaderLines). */
export function isHeaderLine(line: string): boolean {
  return line.startsWith("#");
}

/** UTC time as a report names it: 2026-11-23T10:15:00.000Z. */
export const utc = (ms: number): string => new Date(ms).toISOString();
