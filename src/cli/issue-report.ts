import type { Issue } from "../validate/issue.js";
import type { ValidationResult } from "../validate/validate-file.js";

/** The JSON document of `validate --json` (product.md §1). */
export function validationDocument(result: ValidationResult) {
  return {
    file: result.file,
    format: result.format,
    seedEncoding: result.seedEncoding,
    rows: result.rows,
    valid: result.valid,
    rejected: result.rejected,
    issues: result.issues.map(({ line, field, code, severity, message }) => ({
      line,
      field,
      code,
      severity,
      message,
    })),
  };
}

/** A plain table of issues: line, severity, field, code, message. */
export function issueTable(issues: readonly Issue[]): string {
  if (issues.length === 0) return "";
  const rows = issues.map((i) => [String(i.line), i.severity, i.field ?? "-", i.code, i.message]);
  const head = ["line", "severity", "field", "code", "message"];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const render = (r: string[]) =>
    r
      .map((cell, c) =>
        c === 0 ? cell.padStart(widths[c]!) : c === r.length - 1 ? cell : cell.padEnd(widths[c]!),
      )
      .join("  ");
  return [render(head), ...rows.map(render)].join("\n") + "\n";
}

/** One line: counts, format and the encoding chosen. */
export function verdict(result: ValidationResult): string {
  const ambiguous = result.issues.some((i) => i.code === "seed-encoding-ambiguous");
  const encoding = result.seedEncoding === "hex" ? "hex" : "Base32";
  const seeds = ambiguous
    ? `seeds read as ${encoding} (every seed is also valid hex)`
    : `seeds read as ${encoding}`;
  const status = result.rejected === 0 ? "OK" : "REJECTED ROWS";
  return `${status}: ${result.file}: ${result.rows} row(s), ${result.valid} valid, ${result.rejected} rejected; ${result.format}, ${seeds}.\n`;
}
