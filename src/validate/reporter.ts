import type { TokenField } from "../token-fields.js";
import type { Issue, Severity } from "../issues/issue.js";
import { issueCodes, type IssueCode } from "../issues/issue-codes.js";

/** A field the file gives for no row: said once when every row lacks it (`collapseGaps`). */
type Gap = { issues: Issue[]; whole: (rows: number) => string };

/** Collects issues for the row being checked (`line`), with each code's registered severity. */
export class Reporter {
  issues: Issue[] = [];
  line = 1;
  readonly #gaps = new Map<IssueCode, Gap>();

  report(
    field: TokenField | null,
    code: IssueCode,
    message: string,
    severity: Severity = issueCodes[code].severity,
  ): void {
    this.issues.push({ line: this.line, field, code, severity, message });
  }

  /**
  A row lacks a value the file does not give at all (no such column, no such element): reported
  on the row, and replaced by one issue saying `whole(rows)` when no row of the file has it.
  */
  reportGap(
    field: TokenField,
    code: IssueCode,
    message: string,
    whole: (rows: number) => string,
  ): void {
    this.report(field, code, message);
    const gap = this.#gaps.get(code) ?? { issues: [], whole };
    gap.issues.push(this.issues[this.issues.length - 1]!);
    this.#gaps.set(code, gap);
  }

  /**
  A gap every one of the file's `rows` has is one finding about the file, not one per row: its
  first issue says so and the others go (the rows stay rejected).
  */
  collapseGaps(rows: number): void {
    const dropped = new Set<Issue>();
    for (const { issues, whole } of this.#gaps.values()) {
      if (rows < 2 || issues.length < rows) continue;
      issues[0]!.message = whole(rows);
      for (const issue of issues.slice(1)) dropped.add(issue);
    }
    if (dropped.size > 0) this.issues = this.issues.filter((issue) => !dropped.has(issue));
  }
}
