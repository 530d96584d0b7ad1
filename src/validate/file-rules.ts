import type { TokenField } from "../token-fields.js";
import type { Issue, Severity } from "../issues/issue.js";
import type { IssueCode } from "../issues/issue-codes.js";
import type { KeyColumn } from "./key-column.js";
import type { RowTable } from "./row-table.js";
import {
  decodedBytes,
  fitsBase32,
  fitsHex,
  isBase32Length,
  type SeedEncoding,
} from "./seed-text.js";
import { maxSeedBytes, minSeedBits, minWeakSeedBits } from "./token-schema.js";

/**
The rules of docs/seed-files.md that need the whole file, run once it has been read: the seed
checks that follow from the per-file encoding, the inferred hash, and repeated keys.
*/

/** Reports an issue on a row (by index), marking the row rejected when it is an error. */
export type RowReport = (
  row: number,
  field: TokenField,
  code: IssueCode,
  message: string,
  severity?: Severity,
) => void;

/** Characters, length and strength of every seed under the file's encoding; infers missing hashes. */
export function seedRules(
  table: RowTable,
  encoding: SeedEncoding,
  options: { allowWeakSeeds: boolean; encodingForced: boolean },
  report: RowReport,
): { inferredSha1: number; inferredSha256: number } {
  const name = encoding === "hex" ? "hex" : "Base32";
  const other = encoding === "hex" ? "Base32" : "hex";
  const fit = encoding === "hex" ? fitsHex : fitsBase32;
  let inferredSha1 = 0;
  let inferredSha256 = 0;
  for (let row = 0; row < table.length; row++) {
    if (!table.hasSeed(row)) continue;
    const length = table.seedLength(row);
    const cls = table.seedClass(row);
    let bytes = length;
    if (!table.isBytes(row)) {
      if ((cls & fit) === 0) {
        if (cls !== 0 && !options.encodingForced)
          report(
            row,
            "secretKey",
            "seed-encoding-mixed",
            `secret key is ${other} while the file's seeds are ${name}; a file is never read two ways`,
          );
        else if (encoding === "hex")
          report(
            row,
            "secretKey",
            "seed-not-hex",
            "secret key has characters outside 0–9 and A–F, or an odd length",
          );
        else
          report(
            row,
            "secretKey",
            "seed-not-base32",
            "secret key has characters outside A–Z and 2–7",
          );
        continue;
      }
      if (encoding === "base32" && !isBase32Length(length)) {
        report(
          row,
          "secretKey",
          "seed-not-base32",
          `secret key has ${length} characters, which no Base32 value has`,
        );
        continue;
      }
      bytes = decodedBytes(length, encoding);
    }
    const bits = bytes * 8;
    if (bytes > maxSeedBytes)
      report(
        row,
        "secretKey",
        "seed-too-long",
        `secret key is longer than Entra takes (${bytes} bytes; at most 128 Base32 characters, 80 bytes)`,
      );
    else if (bits < minWeakSeedBits)
      report(
        row,
        "secretKey",
        "seed-too-short",
        `seed has ${bits} bits; at least ${minWeakSeedBits} are needed even with --allow-weak-seeds`,
      );
    else if (bits < minSeedBits) {
      const message = `seed has ${bits} bits; RFC 4226 asks for at least ${minSeedBits}`;
      if (options.allowWeakSeeds)
        report(
          row,
          "secretKey",
          "seed-weak",
          `${message} (allowed by --allow-weak-seeds)`,
          "warning",
        );
      else
        report(
          row,
          "secretKey",
          "seed-weak",
          `${message}; pass --allow-weak-seeds to accept seeds of 80 bits or more`,
        );
    }
    if (table.hashInferred(row)) {
      const sha256 = bytes === 32;
      if (sha256) {
        table.markSha256(row);
        inferredSha256++;
      } else inferredSha1++;
      if (table.hashCellEmpty(row))
        report(
          row,
          "hashFunction",
          "hash-function-inferred",
          `hash function is empty; ${sha256 ? "hmacsha256 (32-byte seed)" : "hmacsha1"} inferred`,
        );
    }
  }
  return { inferredSha1, inferredSha256 };
}

/** Repeated serials and seeds (the later rows are errors) and more than 5 rows for one UPN. */
export function repeatRules(
  table: RowTable,
  keys: { serials: KeyColumn; seeds: KeyColumn; upns: KeyColumn },
  report: RowReport,
): void {
  for (const [first, ...later] of keys.serials.repeats())
    for (const row of later)
      report(
        row,
        "serialNumber",
        "serial-number-duplicate",
        `serial number is already on line ${table.line(first!)}`,
      );
  for (const [first, ...later] of keys.seeds.repeats())
    for (const row of later)
      report(
        row,
        "secretKey",
        "seed-duplicate",
        `the same seed is already on line ${table.line(first!)}; every token needs its own seed`,
      );
  for (const rows of keys.upns.repeats()) {
    if (rows.length <= 5) continue;
    const lines = listLines(rows.map((r) => table.line(r)));
    for (const row of rows.slice(5))
      report(
        row,
        "upn",
        "upn-too-many-tokens",
        `this user has ${rows.length} rows (lines ${lines}); Entra allows at most 5 OATH methods per user`,
      );
  }
}

/** How many lines one message names at most: output stays linear in the rows. */
export const maxListedLines = 10;

/** "2, 3, 4" — or the first `maxListedLines` and "and N more". */
export function listLines(lines: readonly number[]): string {
  if (lines.length <= maxListedLines) return lines.join(", ");
  return `${lines.slice(0, maxListedLines).join(", ")} and ${lines.length - maxListedLines} more`;
}

/** File-level notes: every seed fits both encodings; hashes inferred for a file without the column. */
export function fileNotes(
  ambiguous: boolean,
  hashColumn: boolean,
  inferred: { inferredSha1: number; inferredSha256: number },
  countersIgnored = 0,
): Issue[] {
  const notes: Issue[] = [];
  if (ambiguous)
    notes.push({
      line: 1,
      field: "secretKey",
      code: "seed-encoding-ambiguous",
      severity: "info",
      message:
        "every seed is valid both as Base32 and as hex; read as Base32 (the Entra rule) — pass --seed-encoding hex if the vendor says hex",
    });
  const { inferredSha1, inferredSha256 } = inferred;
  if (!hashColumn && inferredSha1 + inferredSha256 > 0)
    notes.push({
      line: 1,
      field: "hashFunction",
      code: "hash-function-inferred",
      severity: "info",
      message: `the file has no hash function column; inferred hmacsha1 for ${inferredSha1} and hmacsha256 for ${inferredSha256} token(s) (hmacsha256 when the seed is 32 bytes)`,
    });
  if (countersIgnored > 0)
    notes.push({
      line: 1,
      field: null,
      code: "counter-ignored",
      severity: "info",
      message: `${countersIgnored} TOTP row(s) carry a counter (the last time step another server accepted); Entra tracks replays itself, so it is not used`,
    });
  return notes;
}
