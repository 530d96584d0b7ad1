import type { Seed } from "../secrets/seed.js";
import type { TokenField } from "../token-fields.js";
import type { Issue } from "../issues/issue.js";

/**
What a seed-file column can hold: the Graph properties, and the OATH parameters Entra fixes
(6 digits, TOTP) that a file may still state — read so a row that states otherwise is refused.
*/
export type ColumnField = TokenField | "digits" | "tokenType" | "counter";

/** A secret as the file gave it: text still to be decoded (CSV, Feitian) or bytes (PSKC). */
export type RawSecret = { kind: "text"; text: string } | { kind: "bytes"; seed: Seed };

/**
One token record read from a seed file, before any rule is applied. Readers only read: they map
columns to Graph field names and keep the physical line; `validate` decides what is valid.
*/
export type RawRecord = {
  /** 1-based physical line where the record starts. */
  line: number;
  /** Field values as text, trimmed, keyed by Graph property name; absent when the file has no such column. */
  values: Partial<Record<Exclude<ColumnField, "secretKey">, string>>;
  secret: RawSecret | undefined;
  /** Findings the reader made about this record (wrong field count, PSKC key the reader rejects). */
  issues: Issue[];
  /** The record's original cells, for writing a failures file in the input's own layout. */
  cells?: readonly string[];
};
