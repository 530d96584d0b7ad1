import { InputFileError } from "../errors.js";
import type { Issue } from "../issues/issue.js";
import { readCsv } from "./csv/read-csv.js";
import { readDualShield } from "./dualshield.js";
import { readFeitian } from "./feitian.js";
import { readOathCsv } from "./oath-csv.js";
import { readSeedJson } from "./seed-json.js";
import { PskcReader } from "./pskc/read-pskc.js";
import { checkPermissions, type PermissionOptions } from "./permissions.js";
import type { RawRecord } from "./raw-record.js";
import type { ReaderOptions, SeedFileReader } from "./reader.js";
import { detectFormat, seedFileFormats, type SeedFileFormat } from "./seed-file-format.js";
import { layoutOf, type SourceLayout } from "./source-layout.js";
import { openTextSource } from "./text-source.js";

export type ReadOptions = PermissionOptions &
  ReaderOptions & {
    /** @default "auto" */
    format: SeedFileFormat | "auto";
    /** Hash the bytes while reading them (the import job's input hash). @default false */
    hashInput?: boolean;
  };

/** What reading found besides the records: the format, the file's findings, its layout and hash. */
export type ReadResult = {
  format: SeedFileFormat;
  issues: Issue[];
  layout: SourceLayout;
  /** SHA-256 of the file's bytes, when `hashInput` asked for it. */
  sha256: string | null;
};

/** PSKC (RFC 6030): streamed, each KeyPackage read and handed on as it closes. */
const readPskcFile: SeedFileReader = async (source, keys, onRecord) => {
  using reader = new PskcReader(keys, source.head, onRecord);
  for await (const chunk of source.stream()) reader.write(chunk as string);
  return reader.finish();
};

/** Feitian's `serial seed` lines; interval, manufacturer and model come from the flags. */
const readFeitianFile: SeedFileReader = async (source, _options, onRecord) => {
  for (const record of readFeitian(await source.readText(), source.path)) onRecord(record);
  return [];
};

/** One entry per format. */
export const readers: Record<SeedFileFormat, SeedFileReader> = {
  csv: readCsv,
  pskc: readPskcFile,
  feitian: readFeitianFile,
  "oath-csv": readOathCsv,
  json: readSeedJson,
  dualshield: readDualShield,
};

/**
Read a seed file record by record, in one pass: permission check, text decoding, format
detection (unless forced), then the format's reader. Returns the format used, the file-level
findings, the layout (for a failures file written the same way) and, if asked, the bytes' hash.
*/
export async function readSeedFile(
  path: string,
  options: ReadOptions,
  onRecord: (record: RawRecord) => void,
): Promise<ReadResult> {
  const permissionIssues = await checkPermissions(path, options);
  const source = await openTextSource(path, { hash: options.hashInput === true });
  const format = options.format === "auto" ? detectFormat(source.head) : options.format;
  let records = 0;
  const issues = await readers[format](source, options, (record) => {
    records += 1;
    onRecord(record);
  }).catch((error: unknown) => {
    throw options.format === "auto" ? withFormatsTried(error) : error;
  });
  if (records === 0)
    throw new InputFileError(
      `${path} holds no token${format === "csv" ? ": a header line and no rows" : ""}; a seed file needs at least one.`,
      { hint: "Check that this is the vendor's whole file.", code: "no-tokens" },
    );
  return {
    format,
    issues: [...permissionIssues, ...issues],
    layout: layoutOf(format, source.head),
    sha256: source.sha256(),
  };
}

/**
A file detection took for CSV whose header does not fit: say what else was tried, and how to name
the format (a Feitian or PSKC file that detection missed reads with --format).
*/
function withFormatsTried(error: unknown): unknown {
  if (!(error instanceof InputFileError) || error.code !== "csv-header") return error;
  return new InputFileError(error.message, {
    hint: `${error.hint ?? ""} oathkit tried PSKC and DualShield XML, JSON, Feitian "serial seed" text, privacyIDEA's OATH CSV and CSV with a header line; if the file is one of these, name it with --format (${seedFileFormats.join(", ")}).`.trim(),
    code: error.code,
    cause: error,
  });
}
