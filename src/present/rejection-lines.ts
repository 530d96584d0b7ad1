import type { Issue } from "../issues/issue.js";

/**
One issue of validation as one line: "line 3 secretKey seed-not-base32: <message>". Plain output
(errors and warnings) and the plan screen (errors: the rows validation rejected) say it alike.
*/
export function validationIssueLine(i: Issue): string {
  return `line ${i.line} ${i.field ?? "-"} ${i.code}: ${i.message}`;
}

/**
Validation's warnings about the file as a whole (read although others may read it): said before
the question, as piped output says them, since the admin accepted them with a flag.
*/
export function validationFileWarnings(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => i.severity === "warning" && i.field === null);
}

/** The errors among a validation's issues: each rejects its row. */
export function validationRejections(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => i.severity === "error");
}
