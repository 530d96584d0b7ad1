import type { TokenField } from "../token-fields.js";
import type { Issue, Severity } from "../issues/issue.js";
import { issueCodes, type IssueCode } from "../issues/issue-codes.js";

/** Collects issues for the row being checked (`line`), with each code's registered severity. */
export class Reporter {
  readonly issues: Issue[] = [];
  line = 1;

  report(
    field: TokenField | null,
    code: IssueCode,
    message: string,
    severity: Severity = issueCodes[code].severity,
  ): void {
    this.issues.push({ line: this.line, field, code, severity, message });
  }
}
