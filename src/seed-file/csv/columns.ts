import { InputFileError } from "../../errors.js";
import type { Issue } from "../../issues/issue.js";
import { quoteValue } from "../../issues/quote-value.js";
import type { ColumnField } from "../raw-record.js";

/**
Header names as vendors, Excel users and other tools spell them, compared lower-case without
spaces, `_`, `-`, `.` or a trailing unit in parentheses ("Time interval (s)"). Columns that change
what a token is — digits, type, counter, hash — are read and enforced by the rules, never ignored
(docs/seed-files.md, "Columns").
*/
const aliases: Record<string, ColumnField> = {
  upn: "upn",
  userprincipalname: "upn",
  serialnumber: "serialNumber",
  serial: "serialNumber",
  serialno: "serialNumber",
  "serial#": "serialNumber",
  tokenserial: "serialNumber",
  tokenserialnumber: "serialNumber",
  secretkey: "secretKey",
  secret: "secretKey",
  seed: "secretKey",
  key: "secretKey",
  seedkey: "secretKey",
  tokenseed: "secretKey",
  sharedsecret: "secretKey",
  otpsecret: "secretKey",
  timeinterval: "timeIntervalInSeconds",
  timeintervalinseconds: "timeIntervalInSeconds",
  interval: "timeIntervalInSeconds",
  period: "timeIntervalInSeconds",
  timestep: "timeIntervalInSeconds",
  step: "timeIntervalInSeconds",
  timewindow: "timeIntervalInSeconds",
  manufacturer: "manufacturer",
  vendor: "manufacturer",
  model: "model",
  tokenmodel: "model",
  hashfunction: "hashFunction",
  hash: "hashFunction",
  hashalgorithm: "hashFunction",
  algorithm: "hashFunction",
  displayname: "displayName",
  friendlyname: "displayName",
  digits: "digits",
  otplength: "digits",
  codelength: "digits",
  length: "digits",
  type: "tokenType",
  tokentype: "tokenType",
  otptype: "tokenType",
  counter: "counter",
  eventcounter: "counter",
};

/** A header that names a user but not in a way oathkit reads: importing would assign nobody. */
const userLike = /upn|user|principal|e?mail|login|account|assign|owner/u;

const layouts =
  '"upn,serial number,secret key,time interval,manufacturer,model" (Entra, Token2, Deepnet) or ' +
  '"serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,hashFunction" (Graph)';

/** Where each field sits in a row: column index, or -1 when the file has no such column. */
export type ColumnMap = {
  readonly width: number;
  readonly index: Readonly<Record<ColumnField, number>>;
  readonly issues: Issue[];
};

export function normaliseHeaderName(name: string): string {
  return name
    .replace(/^\uFEFF/u, "")
    .toLowerCase()
    .replace(/\([^)]*\)\s*$/u, "")
    .replace(/[\s_.-]+/gu, "");
}

/** The field a header names, in any of the spellings above; undefined when oathkit does not know it. */
export function columnField(name: string): ColumnField | undefined {
  const key = normaliseHeaderName(name);
  return Object.hasOwn(aliases, key) ? aliases[key] : undefined;
}

/**
Map a header row to fields. A missing serial number or secret key column is fatal (the file is not
a seed file we understand), and so is a user column oathkit cannot read when there is no `upn`
column (import would assign every token to nobody); any other unknown column is a warning on the
header line.
*/
export function mapColumns(path: string, header: readonly string[], line: number): ColumnMap {
  const index: Record<ColumnField, number> = {
    upn: -1,
    serialNumber: -1,
    secretKey: -1,
    timeIntervalInSeconds: -1,
    manufacturer: -1,
    model: -1,
    hashFunction: -1,
    displayName: -1,
    digits: -1,
    tokenType: -1,
    counter: -1,
  };
  const issues: Issue[] = [];
  const unknown: Array<{ name: string; at: number }> = [];
  header.forEach((name, i) => {
    const field = columnField(name);
    if (field === undefined) {
      if (name.trim() !== "") unknown.push({ name: name.trim(), at: i });
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
      {
        hint: "Add or fix the header line (the first line of the file) and run again.",
        code: "csv-header",
      },
    );
  const user = unknown.find((u) => userLike.test(normaliseHeaderName(u.name)));
  if (index.upn === -1 && user !== undefined)
    throw new InputFileError(
      `${path} has a column ${quoteValue(user.name, "header")} (column ${user.at + 1}) that looks like the users' UPNs, but oathkit reads UPNs only from a column named "upn" or "User Principal Name".`,
      {
        hint: 'Rename that column to "upn" (or remove it, to import the tokens unassigned) and run again.',
      },
    );
  for (const u of unknown)
    issues.push({
      line,
      field: null,
      code: "unknown-column",
      severity: "warning",
      message: `column ${quoteValue(u.name, "header")} is ignored`,
    });
  return { width: header.length, index, issues };
}
