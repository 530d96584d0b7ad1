import { readSeedFile, type ReadOptions } from "../seed-file/read-seed-file.js";
import type { SeedFileFormat } from "../seed-file/seed-file-format.js";
import type { RawRecord } from "../seed-file/raw-record.js";
import {
  createRowValidator,
  type RowsResult,
  type ValidateDeps,
  type ValidateOptions,
} from "./validate-rows.js";

export type ValidationResult = RowsResult & { file: string; format: SeedFileFormat };

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
  const { format, issues } = await readSeedFile(path, options, (record) => {
    validator.add(mapRecord(record));
  });
  return { file: path, format, ...validator.finish(issues) };
}
