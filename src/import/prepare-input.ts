import { resolve } from "node:path";
import type { ImportMode } from "../events/run-summary.js";
import type { Issue } from "../issues/issue.js";
import type { Scrubber } from "../secrets/scrubber.js";
import { shownOrNull } from "../secrets/secret-like.js";
import type { RawRecord } from "../seed-file/raw-record.js";
import type { ReadOptions } from "../seed-file/read-seed-file.js";
import { applyUpnMap, readUpnMap } from "../seed-file/upn-map.js";
import { validateSeedFile, type ValidationResult } from "../validate/validate-file.js";
import type { ValidateOptions } from "../validate/validate-rows.js";
import type { ProvisionInput } from "./run-provision.js";
import type { RejectedRow } from "./rejected-row.js";

/** How to read the input: the reader and rule options, `--map`, and the mode (a UPN is needed). */
export type InputSettings = {
  seedOptions: ReadOptions & ValidateOptions;
  mapPath: string | undefined;
  cwd: string;
  mode: ImportMode;
};

export type PreparedInput = { validation: ValidationResult; input: ProvisionInput };

/**
The input of an import/activate run, from one pass over the file (issue #14 item 1): read and
validated with UPNs filled from `--map`, hashed and its layout noted on the way; then the rows
validation rejected, and every seed registered with the scrubber. The `--map` file is read first.
*/
export async function prepareInput(
  file: string,
  settings: InputSettings,
  scrubber: Scrubber,
): Promise<PreparedInput> {
  const records = new Map<number, RawRecord>();
  const map =
    settings.mapPath === undefined
      ? null
      : await readUpnMap(resolve(settings.cwd, settings.mapPath));
  const fill = map === null ? (r: RawRecord) => r : applyUpnMap(map);
  const validation = await validateSeedFile(
    file,
    {
      ...settings.seedOptions,
      requireUpn: settings.mode !== "inventory",
      collectTokens: true,
      hashInput: true,
    },
    { scrubber },
    (record) => {
      const filled = fill(record);
      records.set(filled.line, filled);
      return filled;
    },
  );
  if (validation.sha256 === null) throw new Error("the reader did not read the whole input");
  const tokens = validation.tokens ?? [];
  for (const t of tokens) scrubber.add(...t.seed.textForms());
  const input: ProvisionInput = {
    file,
    inputSha256: validation.sha256,
    layout: validation.layout,
    tokens,
    rejectedRows: rejectedRows(validation.issues, records),
    rows: validation.rows,
    notes: validation.issues.filter((i) => auditedCodes.has(i.code)).map((i) => i.message),
  };
  return { validation, input };
}

/** Findings about the file an audit wants in the report: it was read although others may read it. */
const auditedCodes = new Set<string>(["insecure-permissions", "sample-file-permissions"]);

/** Rows validation rejected, with their cells for the failures file (first error per line). */
function rejectedRows(
  issues: readonly Issue[],
  records: ReadonlyMap<number, RawRecord>,
): RejectedRow[] {
  const rows = new Map<number, RejectedRow>();
  for (const issue of issues) {
    if (issue.severity !== "error" || rows.has(issue.line)) continue;
    const record = records.get(issue.line);
    if (record === undefined) continue;
    // A rejected row's cells may be anything, a seed in the wrong column included: the report
    // and the screen get a safe form of the serial and UPN.
    rows.set(issue.line, {
      line: issue.line,
      serialNumber: shownOrNull(record.values.serialNumber ?? null),
      upn: shownOrNull(record.values.upn ?? null),
      code: issue.code,
      message: issue.message,
      cells: record.cells,
    });
  }
  return [...rows.values()].sort((a, b) => a.line - b.line);
}
