import type { TokenField } from "../token-fields.js";
import { issueCodes, type IssueCode } from "./issue-codes.js";

export type Severity = "error" | "warning" | "info";

/**
One finding about the input: a bad row is data, not an exception. `line` is the 1-based physical
line where the record starts (the `<KeyPackage>` start tag for PSKC); `field` is the Graph
property name, or null for a file-level finding. A message never contains a seed.
*/
export type Issue = {
  line: number;
  field: TokenField | null;
  code: IssueCode;
  severity: Severity;
  message: string;
};

/** An issue with its code's registered severity (issue-codes.ts). */
export function recordIssue(
  line: number,
  field: Issue["field"],
  code: IssueCode,
  message: string,
): Issue {
  return { line, field, code, severity: issueCodes[code].severity, message };
}
