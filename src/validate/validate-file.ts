import { readSeedFile, type ReadOptions } from "../seed-file/read-seed-file.js";
import type { SeedFileFormat } from "../seed-file/seed-file-format.js";
import type { SourceLayout } from "../seed-file/source-layout.js";
import type { RawRecord } from "../seed-file/raw-record.js";
import {
  createRowValidator,
  type RowsResult,
  type ValidateDeps,
  type ValidateOptions,
} from "./validate-rows.js";

export type ValidationResult = RowsResult & {
  file: string;
  format: SeedFileFormat;
  /** How the file is laid out (a failures file is written the same way). */
  layout: SourceLayout;
  /** SHA-256 of the file's bytes when read with `hashInput` (import ties its journal to it). */
  sha256: string | null;
};

/**
Read and validate a seed file in one streaming pass. Throws only InputFileError (the file cannot
be used at all); every problem with a row is an issue in the result.
*/
export async function validateSeedFile(
  path: string,
  options: ReadOptions & ValidateOptions,
  deps: ValidateDeps = {},
  /** Sees (and may complete) each record before the rules run: `--map` fills UPNs here. */
  mapRecord: (record: RawRecord) => RawRecord = (record) => record,
): Promise<ValidationResult> {
  const validator = createRowValidator(options, deps);
  const { format, issues, layout, sha256 } = await readSeedFile(path, options, (record) => {
    validator.add(mapRecord(record));
  });
  return { file: path, format, layout, sha256, ...validator.finish(issues) };
}
