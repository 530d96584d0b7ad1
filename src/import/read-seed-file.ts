import { InputFileError } from "../errors.js";
import type { Issue } from "../validate/issue.js";
import { readCsv } from "./csv/read-csv.js";
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

/** A reader that is not there yet: PSKC and Feitian plug in here, one entry each. */
function notYetSupported(name: string): SeedFileReader {
  return (source) =>
    Promise.reject(
      new InputFileError(
        `${source.path} is a ${name} file, which this version of oathkit cannot read yet.`,
        {
          hint: "Convert it to the Entra CSV layout (upn,serial number,secret key,time interval,manufacturer,model).",
        },
      ),
    );
}

/** One entry per format. */
export const readers: Record<SeedFileFormat, SeedFileReader> = {
  csv: readCsv,
  pskc: notYetSupported("PSKC (XML)"),
  feitian: notYetSupported("Feitian `serial seed`"),
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
