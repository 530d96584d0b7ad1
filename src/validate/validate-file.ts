import { readSeedFile, type ReadOptions } from "../import/read-seed-file.js";
import type { SeedFileFormat } from "../import/seed-file-format.js";
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
): Promise<ValidationResult> {
  const validator = createRowValidator(options, deps);
  const { format, issues } = await readSeedFile(path, options, validator.add);
  return { file: path, format, ...validator.finish(issues) };
}
