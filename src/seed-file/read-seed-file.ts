import type { Issue } from "../issues/issue.js";
import { readCsv } from "./csv/read-csv.js";
import { readFeitian } from "./feitian.js";
import { readPskc } from "./pskc/read-pskc.js";
import { checkPermissions, type PermissionOptions } from "./permissions.js";
import type { RawRecord } from "./raw-record.js";
import type { ReaderOptions, SeedFileReader } from "./reader.js";
import { detectFormat, type SeedFileFormat } from "./seed-file-format.js";
import { openTextSource } from "./text-source.js";

export type ReadOptions = PermissionOptions &
  ReaderOptions & {
    /** @default "auto" */
    format: SeedFileFormat | "auto";
  };

/** PSKC (RFC 6030): a document, read whole (vendor files are small), decrypted in memory. */
const readPskcFile: SeedFileReader = async (source, options, onRecord) => {
  const keys = {
    ...(options.pskHex === undefined ? {} : { pskHex: options.pskHex }),
    ...(options.password === undefined ? {} : { password: options.password }),
  };
  const { records, fileIssues } = readPskc(await source.readText(), keys);
  for (const record of records) onRecord(record);
  return fileIssues;
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
};

/**
Read a seed file record by record: permission check, text decoding, format detection (unless
forced), then the format's reader. Returns the format used and the file-level findings.
*/
export async function readSeedFile(
  path: string,
  options: ReadOptions,
  onRecord: (record: RawRecord) => void,
): Promise<{ format: SeedFileFormat; issues: Issue[] }> {
  const permissionIssues = await checkPermissions(path, options);
  const source = await openTextSource(path);
  const format = options.format === "auto" ? detectFormat(source.head) : options.format;
  const issues = await readers[format](source, options, onRecord);
  return { format, issues: [...permissionIssues, ...issues] };
}
