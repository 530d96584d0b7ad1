import type { RawRecord } from "../seed-file/raw-record.js";
import type { Scrubber } from "../secrets/scrubber.js";
import type { Seed } from "../secrets/seed.js";
import type { HashFunction, TimeInterval } from "../token-fields.js";
import { fileNotes, repeatRules, seedRules, type RowReport } from "./file-rules.js";
import type { Issue } from "../issues/issue.js";
import { issueCodes } from "../issues/issue-codes.js";
import { KeyColumn } from "./key-column.js";
import { digitsRule, tokenKindRule } from "./oath-rules.js";
import { Reporter } from "./reporter.js";
import { RowTable } from "./row-table.js";
import {
  hashRule,
  intervalRule,
  requiredTextRule,
  serialNumberRule,
  upnRule,
} from "./row-rules.js";
import {
  decideEncoding,
  decodeSeed,
  fitsBase32,
  fitsHex,
  normaliseSeedText,
  seedCharClasses,
  seedClass,
  type SeedEncoding,
} from "./seed-text.js";
import { dropRepeats } from "./reader-findings.js";
import { tokenSchema, type Token } from "./token-schema.js";

export type ValidateOptions = {
  /** How seeds are read; `auto` decides per file (docs/seed-files.md). @default "auto" */
  seedEncoding: SeedEncoding | "auto";
  /** Fills a missing time-interval column (never an empty cell). */
  interval?: TimeInterval | undefined;
  /** Fills a missing or empty manufacturer. */
  manufacturer?: string | undefined;
  /** Fills a missing or empty model. */
  model?: string | undefined;
  /** Seeds of 80–127 bits become warnings instead of errors. @default false */
  allowWeakSeeds: boolean;
  /** A row without UPN is an error: `import` in activate/assign mode, after --map. @default false */
  requireUpn?: boolean;
  /** Build the Token of each valid row (convert, import). @default false */
  collectTokens?: boolean;
};

export type RowsResult = {
  seedEncoding: SeedEncoding;
  rows: number;
  valid: number;
  rejected: number;
  /** Sorted by line; file-level findings first on their line. */
  issues: Issue[];
  tokens?: Token[];
  /** Rows with no UPN where none was required (import assigns and activates only with one). */
  withoutUpn?: number;
};

/** The deps a validator may use: a Scrubber learns the seeds of rows that get issues. */
export type ValidateDeps = { scrubber?: Scrubber };

/** What a token needs from its row until the file's encoding is known (convert and import only). */
type Pending = Omit<Token, "line" | "seed" | "hashFunction"> & {
  row: number;
  secret: string | Seed;
  hash: HashFunction | "infer";
};

/**
The row rules of docs/seed-files.md, applied record by record as a reader streams them. What one
row decides alone is checked at once (row-rules.ts); what needs the whole file — the per-file
seed encoding and the checks that follow from it, repeated keys, the 5-per-user cap — in
`finish` (file-rules.ts), from compact per-row state (RowTable, KeyColumn). Bad rows become
issues; nothing throws.
*/
export function createRowValidator(options: ValidateOptions, deps: ValidateDeps = {}) {
  const table = new RowTable();
  const reporter = new Reporter();
  const keys = {
    serials: new KeyColumn({ foldCase: false }),
    seeds: new KeyColumn({ foldCase: true, charClasses: seedCharClasses }),
    upns: new KeyColumn({ foldCase: true }),
  };
  const pending: Pending[] = [];
  let hashColumn: boolean | undefined;
  let countersIgnored = 0;
  let withoutUpn = 0;
  /** Rows a reader refused as a whole (not a TOTP key): no rule adds a second reason. */
  const notOath = new Set<number>();

  function add(record: RawRecord): void {
    const { line, values, secret } = record;
    const row = table.push(line);
    const issues = reporter.issues;
    const before = issues.length;
    reporter.line = line;
    for (const issue of record.issues) issues.push(issue);

    const serialNumber = serialNumberRule(values.serialNumber, reporter);
    if (serialNumber !== undefined) keys.serials.set(row, serialNumber);

    let seed: string | Seed | undefined;
    if (secret === undefined || (secret.kind === "text" && secret.text === ""))
      reporter.report("secretKey", "secret-key-missing", "secret key is empty");
    else if (secret.kind === "text") {
      // Hash and classify the seed as written; only one with separators (which fit no
      // encoding) is normalised, and then hashed and classified again.
      let text = secret.text;
      let cls = seedClass(text.length, keys.seeds.set(row, text));
      if (cls === 0) {
        const normalised = normaliseSeedText(text);
        if (normalised !== text) {
          text = normalised;
          cls = seedClass(text.length, keys.seeds.set(row, text));
        }
      }
      table.setSeed(row, text.length, cls, false);
      seed = text;
    } else {
      table.setSeed(row, secret.seed.byteLength, fitsBase32 | fitsHex, true);
      keys.seeds.set(row, secret.seed.toBase32());
      seed = secret.seed;
    }

    const interval = intervalRule(values.timeIntervalInSeconds, options.interval, reporter);
    hashColumn ??= values.hashFunction !== undefined;
    const hash = hashRule(values.hashFunction, reporter);
    if (hash === "infer") table.markHashInferred(row, values.hashFunction === "");
    else if (hash === "hmacsha256") table.markSha256(row);
    digitsRule(values.digits, reporter);
    if (tokenKindRule(values.tokenType, values.counter, reporter)) countersIgnored += 1;
    const upn = upnRule(values.upn, options.requireUpn === true, reporter);
    if (upn) keys.upns.set(row, upn);
    if (upn === null) withoutUpn += 1;
    const manufacturer = requiredTextRule(
      "manufacturer",
      values.manufacturer,
      options.manufacturer,
      reporter,
    );
    const model = requiredTextRule("model", values.model, options.model, reporter);
    if (dropRepeats(issues, before, record.issues)) {
      // Refused as a whole (a HOTP key beside the TOTP ones), the row never becomes a token:
      // its keys take part in no repeat.
      notOath.add(row);
      for (const column of Object.values(keys)) column.clear(row);
    }

    let failed = false;
    for (let i = before; i < issues.length; i++) if (issues[i]!.severity === "error") failed = true;
    if (issues.length > before) {
      // The backstop learns this row's seed: its issues are headed for output.
      if (secret?.kind === "text") deps.scrubber?.add(secret.text, normaliseSeedText(secret.text));
      else if (secret?.kind === "bytes") deps.scrubber?.add(...secret.seed.textForms());
    }
    if (failed) table.markError(row);
    else if (options.collectTokens === true)
      pending.push({
        row,
        upn: upn ?? null,
        serialNumber: serialNumber!,
        secret: seed!,
        timeIntervalInSeconds: interval!,
        hash: hash!,
        manufacturer: manufacturer!,
        model: model!,
        displayName: values.displayName || null,
        cells: record.cells ?? [],
      });
  }

  function finish(fileIssues: readonly Issue[] = []): RowsResult {
    const late: Issue[] = [];
    const report: RowReport = (row, field, code, message, severity = issueCodes[code].severity) => {
      if (notOath.has(row)) return;
      late.push({ line: table.line(row), field, code, severity, message });
      if (severity === "error") table.markError(row);
    };
    const decided =
      options.seedEncoding === "auto"
        ? decideEncoding(table.encodingCounts())
        : { encoding: options.seedEncoding, ambiguous: false };
    const inferred = seedRules(
      table,
      decided.encoding,
      { allowWeakSeeds: options.allowWeakSeeds, encodingForced: options.seedEncoding !== "auto" },
      report,
    );
    repeatRules(table, keys, report);
    const notes = fileNotes(decided.ambiguous, hashColumn === true, inferred, countersIgnored);

    reporter.collapseGaps(table.length);
    const all = [...fileIssues, ...notes, ...reporter.issues, ...late];
    const order = all.map((issue, i) => ({ issue, i }));
    order.sort((a, b) => a.issue.line - b.issue.line || a.i - b.i);
    const rejected = table.errorCount();
    const result: RowsResult = {
      seedEncoding: decided.encoding,
      rows: table.length,
      valid: table.length - rejected,
      rejected,
      issues: order.map((o) => o.issue),
      withoutUpn,
    };
    if (options.collectTokens === true)
      result.tokens = buildTokens(pending, table, decided.encoding, deps);
    return result;
  }

  return { add, finish };
}

/** Decode the seeds of the rows that stayed valid and parse each token with tokenSchema. */
function buildTokens(
  pending: readonly Pending[],
  table: RowTable,
  encoding: SeedEncoding,
  deps: ValidateDeps,
): Token[] {
  const tokens: Token[] = [];
  for (const { row, secret, hash, ...fields } of pending) {
    if (table.hasError(row)) continue;
    const seed = typeof secret === "string" ? decodeSeed(secret, encoding) : secret;
    deps.scrubber?.add(...seed.textForms());
    const hashFunction = hash !== "infer" ? hash : table.isSha256(row) ? "hmacsha256" : "hmacsha1";
    tokens.push(tokenSchema.parse({ ...fields, line: table.line(row), seed, hashFunction }));
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
