import type { RawRecord } from "../import/raw-record.js";
import type { Scrubber } from "../secrets/scrubber.js";
import type { HashFunction, TimeInterval, TokenField } from "../token-fields.js";
import type { Issue } from "./issue.js";
import type { IssueCode } from "./issue-codes.js";
import { issueCodes } from "./issue-codes.js";
import {
  decideEncoding,
  decodeSeed,
  decodedBytes,
  fitsBase32,
  fitsHex,
  isBase32Length,
  normaliseSeedText,
  scanSeedText,
  type SeedEncoding,
} from "./seed-text.js";
import { KeyColumn } from "./key-column.js";
import { RowTable } from "./row-table.js";
import {
  maxSeedBytes,
  minSeedBits,
  minWeakSeedBits,
  scientificSerialPattern,
  tokenSchema,
  upnPattern,
  type Token,
} from "./token-schema.js";
import type { Seed } from "../secrets/seed.js";

export type ValidateOptions = {
  /** How seeds are read; `auto` decides per file (product.md §2.3). @default "auto" */
  seedEncoding: SeedEncoding | "auto";
  /** Fills a missing time-interval column (never an empty cell). */
  interval?: TimeInterval | undefined;
  /** Fills a missing or empty manufacturer. */
  manufacturer?: string | undefined;
  /** Fills a missing or empty model. */
  model?: string | undefined;
  /** Seeds of 80–127 bits become warnings instead of errors. @default false */
  allowWeakSeeds: boolean;
  /** A row without UPN is an error (import in activate/assign mode, unless --map filled it). @default false */
  requireUpn?: boolean;
  /** Build the Token of each valid row (convert, import). @default false */
  collectTokens?: boolean;
};

export type RowsResult = {
  seedEncoding: SeedEncoding;
  rows: number;
  valid: number;
  rejected: number;
  /** Sorted by line; file-level findings first. */
  issues: Issue[];
  tokens?: Token[];
};

/** The deps a validator may use: a Scrubber learns the seeds of rows that get issues. */
export type ValidateDeps = { scrubber?: Scrubber };

type Pending = {
  row: number;
  upn: string | null;
  serialNumber: string;
  secret: string | Seed;
  interval: TimeInterval;
  hash: HashFunction | undefined;
  manufacturer: string;
  model: string;
  displayName: string | null;
  cells: readonly string[];
};

const hashNames: Record<string, HashFunction> = {
  sha1: "hmacsha1",
  hmacsha1: "hmacsha1",
  sha256: "hmacsha256",
  hmacsha256: "hmacsha256",
};

/** Only short values are quoted in messages: a seed is never shorter than 16 characters. */
function quote(value: string): string {
  return value.length <= 12 ? JSON.stringify(value) : `(${value.length} characters)`;
}

/**
The row rules of product.md §2.2, applied record by record as a reader streams them. What does not
depend on other rows is decided at once; what does (the per-file seed encoding, the weak/long
checks and inferred hash that follow from it, the 5-per-user cap) is decided in `finish` from
compact per-row state (RowTable, and KeyColumn for repeated serials, seeds and UPNs). Bad rows become issues; nothing throws.
*/
export function createRowValidator(options: ValidateOptions, deps: ValidateDeps = {}) {
  const table = new RowTable();
  const issues: Issue[] = [];
  const serials = new KeyColumn({ foldCase: false });
  const seeds = new KeyColumn({ foldCase: true });
  const upns = new KeyColumn({ foldCase: true });
  const pending: Pending[] = [];
  let hashColumn: boolean | undefined;

  function add(record: RawRecord): void {
    const { line, values } = record;
    const row = table.push(line);
    const before = issues.length;
    const report = (field: TokenField | null, code: IssueCode, message: string) =>
      issues.push({ line, field, code, severity: issueCodes[code].severity, message });
    if (record.issues.length > 0) issues.push(...record.issues);

    const serialNumber = values.serialNumber ?? "";
    if (serialNumber === "")
      report("serialNumber", "serial-number-missing", "serial number is empty");
    else if (/[eE]/u.test(serialNumber) && scientificSerialPattern.test(serialNumber))
      report(
        "serialNumber",
        "serial-number-scientific",
        `serial number ${quote(serialNumber)} is in scientific notation (a spreadsheet changed it); take it from the vendor's original file`,
      );
    else {
      serials.set(row, serialNumber);
    }

    const secret = record.secret;
    let seedText: string | Seed | undefined;
    if (secret === undefined || (secret.kind === "text" && secret.text === ""))
      report("secretKey", "secret-key-missing", "secret key is empty");
    else {
      let key: string;
      if (secret.kind === "text") {
        const { text, cls } = scanSeedText(secret.text);
        table.setSeed(row, text.length, cls, false);
        key = text;
        seedText = text;
      } else {
        table.setSeed(row, secret.seed.byteLength, fitsBase32 | fitsHex, true);
        key = secret.seed.toBase32();
        seedText = secret.seed;
      }
      seeds.set(row, key);
    }

    const intervalText = values.timeIntervalInSeconds;
    let interval: TimeInterval | undefined;
    if (intervalText === undefined) {
      interval = options.interval;
      if (interval === undefined)
        report(
          "timeIntervalInSeconds",
          "time-interval-invalid",
          "the file has no time interval column; pass --interval 30 or 60",
        );
    } else if (intervalText === "30" || intervalText === "60")
      interval = intervalText === "30" ? 30 : 60;
    else
      report(
        "timeIntervalInSeconds",
        "time-interval-invalid",
        intervalText === ""
          ? "time interval is empty; it must be 30 or 60"
          : `time interval ${quote(intervalText)} is not 30 or 60`,
      );

    const hashText = values.hashFunction;
    hashColumn ??= hashText !== undefined;
    let hash: HashFunction | undefined;
    if (hashText === undefined || hashText === "") table.markHashInferred(row, hashText === "");
    else {
      hash = hashNames[hashText.toLowerCase().replace(/[\s_-]/gu, "")];
      if (hash === undefined)
        report(
          "hashFunction",
          "hash-function-unsupported",
          `hash function ${quote(hashText)} is not supported; Entra takes SHA-1 or SHA-256`,
        );
      else if (hash === "hmacsha256") table.markSha256(row);
    }

    const upn = values.upn ?? "";
    if (upn === "") {
      if (options.requireUpn === true)
        report(
          "upn",
          "upn-missing",
          "upn is empty; this operation assigns tokens to users, so every row needs one (or pass --map)",
        );
    } else if (!upnPattern.test(upn))
      report("upn", "upn-invalid", "upn does not look like local@domain (no spaces)");
    else {
      upns.set(row, upn);
    }

    const manufacturer = values.manufacturer || options.manufacturer || "";
    if (manufacturer === "")
      report(
        "manufacturer",
        "manufacturer-missing",
        "manufacturer is empty; add it to the file or pass --manufacturer",
      );
    const model = values.model || options.model || "";
    if (model === "")
      report("model", "model-missing", "model is empty; add it to the file or pass --model");

    let failed = false;
    for (let i = before; i < issues.length; i++) if (issues[i]!.severity === "error") failed = true;
    if (failed) table.markError(row);
    if (issues.length > before && secret?.kind === "text")
      deps.scrubber?.add(secret.text, normaliseSeedText(secret.text));
    if (
      options.collectTokens === true &&
      !failed &&
      seedText !== undefined &&
      interval !== undefined
    )
      pending.push({
        row,
        upn: upn === "" ? null : upn,
        serialNumber,
        secret: seedText,
        interval,
        hash,
        manufacturer,
        model,
        displayName: values.displayName || null,
        cells: record.cells ?? [],
      });
  }

  function finish(fileIssues: readonly Issue[] = []): RowsResult {
    const late: Issue[] = [];
    const lateError = (row: number, field: TokenField, code: IssueCode, message: string) => {
      late.push({ line: table.line(row), field, code, severity: "error", message });
      table.markError(row);
    };

    const counts = table.encodingCounts();
    const decided =
      options.seedEncoding === "auto"
        ? decideEncoding(counts)
        : { encoding: options.seedEncoding, ambiguous: false };
    const encoding = decided.encoding;
    if (decided.ambiguous)
      fileIssues = [
        ...fileIssues,
        {
          line: 1,
          field: "secretKey",
          code: "seed-encoding-ambiguous",
          severity: "info",
          message:
            "every seed is valid both as Base32 and as hex; read as Base32 (the Entra rule) — pass --seed-encoding hex if the vendor says hex",
        },
      ];

    const name = encoding === "hex" ? "hex" : "Base32";
    const other = encoding === "hex" ? "Base32" : "hex";
    const fit = encoding === "hex" ? fitsHex : fitsBase32;
    let inferred256 = 0;
    let inferred1 = 0;
    for (let row = 0; row < table.length; row++) {
      if (!table.hasSeed(row)) continue;
      const length = table.seedLength(row);
      const isBytes = table.isBytes(row);
      const cls = table.seedClass(row);
      let bytes: number;
      if (isBytes) bytes = length;
      else if ((cls & fit) === 0) {
        if (cls !== 0 && options.seedEncoding === "auto")
          lateError(
            row,
            "secretKey",
            "seed-encoding-mixed",
            `secret key is ${other} while the file's seeds are ${name}; a file is never read two ways`,
          );
        else if (encoding === "hex")
          lateError(
            row,
            "secretKey",
            "seed-not-hex",
            "secret key has characters outside 0–9 and A–F, or an odd length",
          );
        else
          lateError(
            row,
            "secretKey",
            "seed-not-base32",
            "secret key has characters outside A–Z and 2–7",
          );
        continue;
      } else if (encoding === "base32" && !isBase32Length(length)) {
        lateError(
          row,
          "secretKey",
          "seed-not-base32",
          `secret key has ${length} characters, which no Base32 value has`,
        );
        continue;
      } else bytes = decodedBytes(length, encoding);
      const bits = bytes * 8;
      if (bytes > maxSeedBytes)
        lateError(
          row,
          "secretKey",
          "seed-too-long",
          `secret key is longer than Entra takes (${bytes} bytes; at most 128 Base32 characters, 80 bytes)`,
        );
      else if (bits < minWeakSeedBits)
        lateError(
          row,
          "secretKey",
          "seed-too-short",
          `seed has ${bits} bits; at least ${minWeakSeedBits} are needed even with --allow-weak-seeds`,
        );
      else if (bits < minSeedBits) {
        const message = `seed has ${bits} bits; RFC 4226 asks for at least ${minSeedBits}`;
        if (options.allowWeakSeeds)
          late.push({
            line: table.line(row),
            field: "secretKey",
            code: "seed-weak",
            severity: "warning",
            message: `${message} (allowed by --allow-weak-seeds)`,
          });
        else
          lateError(
            row,
            "secretKey",
            "seed-weak",
            `${message}; pass --allow-weak-seeds to accept seeds of 80 bits or more`,
          );
      }
      if (table.hashInferred(row)) {
        const sha256 = bytes === 32;
        if (sha256) table.markSha256(row);
        if (sha256) inferred256++;
        else inferred1++;
        if (table.hashCellEmpty(row))
          late.push({
            line: table.line(row),
            field: "hashFunction",
            code: "hash-function-inferred",
            severity: "info",
            message: `hash function is empty; ${sha256 ? "hmacsha256 (32-byte seed)" : "hmacsha1"} inferred`,
          });
      }
    }
    if (hashColumn === false && inferred1 + inferred256 > 0)
      fileIssues = [
        ...fileIssues,
        {
          line: 1,
          field: "hashFunction",
          code: "hash-function-inferred",
          severity: "info",
          message: `the file has no hash function column; inferred hmacsha1 for ${inferred1} and hmacsha256 for ${inferred256} token(s) (hmacsha256 when the seed is 32 bytes)`,
        },
      ];

    for (const [first, ...later] of serials.repeats())
      for (const row of later)
        lateError(
          row,
          "serialNumber",
          "serial-number-duplicate",
          `serial number is already on line ${table.line(first!)}`,
        );
    for (const [first, ...later] of seeds.repeats())
      for (const row of later)
        lateError(
          row,
          "secretKey",
          "seed-duplicate",
          `the same seed is already on line ${table.line(first!)}; every token needs its own seed`,
        );
    for (const rows of upns.repeats()) {
      if (rows.length <= 5) continue;
      const lines = rows.map((r) => table.line(r)).join(", ");
      for (const row of rows.slice(5))
        lateError(
          row,
          "upn",
          "upn-too-many-tokens",
          `this user has ${rows.length} rows (lines ${lines}); Entra allows at most 5 OATH methods per user`,
        );
    }

    const all = [...fileIssues, ...issues, ...late];
    const order = all.map((issue, i) => ({ issue, i }));
    order.sort((a, b) => a.issue.line - b.issue.line || a.i - b.i);
    const rejected = table.errorCount();
    const result: RowsResult = {
      seedEncoding: encoding,
      rows: table.length,
      valid: table.length - rejected,
      rejected,
      issues: order.map((o) => o.issue),
    };
    if (options.collectTokens === true) result.tokens = buildTokens(pending, table, encoding, deps);
    return result;
  }

  return { add, finish };
}

function buildTokens(
  pending: readonly Pending[],
  table: RowTable,
  encoding: SeedEncoding,
  deps: ValidateDeps,
): Token[] {
  const tokens: Token[] = [];
  for (const p of pending) {
    if (table.hasError(p.row)) continue;
    const seed = typeof p.secret === "string" ? decodeSeed(p.secret, encoding) : p.secret;
    deps.scrubber?.add(...seed.textForms());
    tokens.push(
      tokenSchema.parse({
        line: table.line(p.row),
        upn: p.upn,
        serialNumber: p.serialNumber,
        seed,
        timeIntervalInSeconds: p.interval,
        hashFunction: p.hash ?? (table.isSha256(p.row) ? "hmacsha256" : "hmacsha1"),
        manufacturer: p.manufacturer,
        model: p.model,
        displayName: p.displayName,
        cells: p.cells,
      }),
    );
  }
  return tokens;
}

/** Validate records already in memory (tests, small inputs). */
export function validateRecords(
  records: Iterable<RawRecord>,
  options: ValidateOptions,
  deps: ValidateDeps = {},
  fileIssues: readonly Issue[] = [],
): RowsResult {
  const validator = createRowValidator(options, deps);
  for (const record of records) validator.add(record);
  return validator.finish(fileIssues);
}
