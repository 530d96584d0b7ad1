import { plural } from "./plural.js";
import { printable, printableJson } from "./printable.js";
import type { Issue } from "../issues/issue.js";
import type { ValidationResult } from "../validate/validate-file.js";

/**
The validation report as text, written in pieces of about 64 KB: output is linear in the issues
and never one string (a file with millions of issues would pass V8's string limit). Outside text
is made printable (escaped losslessly in JSON); the caller's `write` scrubs.
*/
type Write = (text: string) => void;

function batched(write: Write): { add: (text: string) => void; flush: () => void } {
  let buffer = "";
  return {
    add(text) {
      buffer += text;
      if (buffer.length >= 65_536) {
        write(buffer);
        buffer = "";
      }
    },
    flush() {
      if (buffer !== "") write(buffer);
      buffer = "";
    },
  };
}

/** One issue as the pretty-printed document holds it, indented for its place in the array. */
function issueJson({ line, field, code, severity, message }: Issue): string {
  const item = { line, field, code, severity, message };
  return JSON.stringify(item, null, 2).replace(/\n/gu, "\n    ");
}

/** PSKC carries its seeds in Base64 (RFC 6030), OATH CSV and DualShield in hex: no choice made. */
const fixedEncoding: Partial<Record<string, "base64" | "hex">> = {
  pskc: "base64",
  "oath-csv": "hex",
  dualshield: "hex",
};

/**
The JSON document of `validate --json` (README, "Commands"), pretty-printed as before; `extra` adds
top-level fields after the issues (convert's `to`, `out`, `written`).
*/
export function writeValidationDocument(
  result: ValidationResult,
  write: Write,
  extra: Record<string, unknown> = {},
): void {
  const head = {
    file: result.file,
    format: result.format,
    seedEncoding: fixedEncoding[result.format] ?? result.seedEncoding,
    rows: result.rows,
    valid: result.valid,
    rejected: result.rejected,
  };
  const out = batched((json) => write(printableJson(json)));
  out.add(`${JSON.stringify(head, null, 2).slice(0, -2)},\n  "issues": [`);
  result.issues.forEach((issue, i) => out.add(`${i === 0 ? "" : ","}\n    ${issueJson(issue)}`));
  out.add(result.issues.length === 0 ? "]" : "\n  ]");
  for (const [key, value] of Object.entries(extra))
    out.add(`,\n  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  out.add("\n}\n");
  out.flush();
}

/**
A plain table of issues: line, severity, field, code, message. Widths in one pass (no spread of a
million values into Math.max).
*/
export function writeIssueTable(issues: readonly Issue[], write: Write): void {
  if (issues.length === 0) return;
  const head = ["line", "severity", "field", "code", "message"];
  const widths = head.map((h) => h.length);
  for (const i of issues) {
    widths[0] = Math.max(widths[0]!, String(i.line).length);
    widths[1] = Math.max(widths[1]!, i.severity.length);
    widths[2] = Math.max(widths[2]!, (i.field ?? "-").length);
    widths[3] = Math.max(widths[3]!, i.code.length);
  }
  const render = (r: readonly string[]) =>
    r
      .map((cell, c) =>
        c === 0 ? cell.padStart(widths[c]!) : c === r.length - 1 ? cell : cell.padEnd(widths[c]!),
      )
      .join("  ");
  const out = batched(write);
  out.add(`${render(head)}\n`);
  for (const i of issues)
    out.add(
      `${render([String(i.line), i.severity, i.field ?? "-", i.code, printable(i.message)])}\n`,
    );
  out.flush();
}

/** How the seeds were read, in the same words wherever a file's validation is summed up. */
export function seedsRead(format: string, seedEncoding: string, ambiguous = false): string {
  const fixed = fixedEncoding[format];
  if (fixed !== undefined) return `seeds read from ${fixed === "base64" ? "Base64" : fixed}`;
  const encoding = seedEncoding === "hex" ? "hex" : "Base32";
  return ambiguous
    ? `seeds read as ${encoding} (every seed is also valid hex)`
    : `seeds read as ${encoding}`;
}

/** One line: counts, format and the encoding chosen. */
export function verdict(result: ValidationResult): string {
  const ambiguous = result.issues.some((i) => i.code === "seed-encoding-ambiguous");
  const seeds = seedsRead(result.format, result.seedEncoding, ambiguous);
  const status = result.rejected === 0 ? "OK" : "REJECTED ROWS";
  // What validate calls valid must not surprise an import: say when rows have no user to get.
  const noUpn =
    (result.withoutUpn ?? 0) > 0
      ? `Note: ${plural(result.withoutUpn ?? 0, "row has", "rows have")} no UPN; import assigns and activates a token only with one (add a upn column, or give import a UPN for each serial with --map), while import --mode inventory uploads them unassigned.\n`
      : "";
  return `${status}: ${printable(result.file)}: ${plural(result.rows, "row")}, ${result.valid} valid, ${result.rejected} rejected; ${result.format}, ${seeds}.\n${noUpn}`;
}
