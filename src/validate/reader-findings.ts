import type { Issue } from "../issues/issue.js";

/**
A reader that already found an error in a field (a PSKC key whose MAC fails, an interval the PSKC
file states as 45) has said what is wrong with it: the rules' findings on the same field are
dropped, so each field gets one finding. A key the reader refused as a whole (a HOTP or OCRA key
in PSKC or privacyIDEA's OATH CSV) keeps
that one reason: true then.
*/
export function dropRepeats(
  issues: Issue[],
  before: number,
  fromReader: readonly Issue[],
): boolean {
  // Almost every record has no reader finding: skip the Set and the copies.
  if (fromReader.length === 0) return false;
  if (fromReader.some((i) => i.code === "pskc-not-totp" || i.code === "token-type-unsupported")) {
    issues.length = before + fromReader.length;
    return true;
  }
  const said = new Set(
    fromReader.filter((i) => i.severity === "error" && i.field !== null).map((i) => i.field),
  );
  if (said.size === 0) return false;
  const rules = issues.splice(before + fromReader.length);
  issues.push(...rules.filter((i) => !said.has(i.field)));
  return false;
}
