import { InputFileError } from "../../errors.js";
import type { TokenField } from "../../token-fields.js";
import type { Issue } from "../../validate/issue.js";

/** Header names as vendors spell them, compared lower-case without spaces, `_` or `-`. */
const aliases: Record<string, TokenField> = {
  upn: "upn",
  serialnumber: "serialNumber",
  secretkey: "secretKey",
  timeinterval: "timeIntervalInSeconds",
  timeintervalinseconds: "timeIntervalInSeconds",
  manufacturer: "manufacturer",
  model: "model",
  hashfunction: "hashFunction",
  displayname: "displayName",
};

const layouts =
  '"upn,serial number,secret key,time interval,manufacturer,model" (Entra, Token2, Deepnet) or ' +
  '"serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,hashFunction" (Graph)';

/** Where each Graph field sits in a row: column index, or -1 when the file has no such column. */
export type ColumnMap = {
  readonly width: number;
  readonly index: Readonly<Record<TokenField, number>>;
  readonly issues: Issue[];
};

export function normaliseHeaderName(name: string): string {
  return name
    .replace(/^\uFEFF/u, "")
    .toLowerCase()
    .replace(/[\s_-]+/gu, "");
}

/**
Map a header row to Graph fields. A missing serial number or secret key column is fatal (the file
is not a seed file we understand); an unknown column is one warning on the header line.
*/
export function mapColumns(path: string, header: readonly string[], line: number): ColumnMap {
  const index: Record<TokenField, number> = {
    upn: -1,
    serialNumber: -1,
    secretKey: -1,
    timeIntervalInSeconds: -1,
    manufacturer: -1,
    model: -1,
    hashFunction: -1,
    displayName: -1,
  };
  const issues: Issue[] = [];
  header.forEach((name, i) => {
    const field = aliases[normaliseHeaderName(name)];
    if (field === undefined) {
      if (name.trim() !== "")
        issues.push({
          line,
          field: null,
          code: "unknown-column",
          severity: "warning",
          message: `column ${JSON.stringify(name.trim())} is ignored`,
        });
      return;
    }
    if (index[field] !== -1)
      throw new InputFileError(
        `${path} has two columns for ${field} (columns ${index[field] + 1} and ${i + 1}).`,
        { hint: "Remove one of them and run again." },
      );
    index[field] = i;
  });
  const missing = (["serialNumber", "secretKey"] as const).filter((f) => index[f] === -1);
  if (missing.length > 0)
    throw new InputFileError(
      `${path} has no ${missing.map((f) => (f === "serialNumber" ? '"serial number"' : '"secret key"')).join(" or ")} column in its header; expected a header such as ${layouts}.`,
      { hint: "Add or fix the header line (the first line of the file) and run again." },
    );
  return { width: header.length, index, issues };
}
