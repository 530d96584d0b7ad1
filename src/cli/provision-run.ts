import { createInterface } from "node:readline/promises";
import type { ProvisionEvent } from "../events.js";
import { OathkitError } from "../errors.js";
import type { Scrubber } from "../secrets/scrubber.js";
import type { ValidationResult } from "../validate/validate-file.js";
import type { CliIo } from "./io.js";
import type { PreparedFile, SessionSettings } from "./provision-session.js";

/** A validated file ready to run, with the settings it runs under. */
export type ProvisionRun = {
  prepared: PreparedFile;
  settings: SessionSettings;
  scrubber: Scrubber;
  /** --yes: no question, and rejected rows do not stop the run. */
  yes: boolean;
};

export function validatedEvent(file: string, v: ValidationResult): ProvisionEvent {
  const { format, seedEncoding, rows, valid, rejected, issues } = v;
  return { type: "validated", file, format, seedEncoding, rows, valid, rejected, issues };
}

/** Nothing to send: exit 1 when rows were rejected, 2 when the file had none. */
export function nothingValid(rows: number, io: CliIo): number {
  io.stderr.write(
    rows === 0
      ? "The file has no token rows.\n"
      : "No row is valid; nothing was sent to the tenant.\n",
  );
  return rows === 0 ? 2 : 1;
}

/** Without a terminal there is no one to ask: go on only if nothing was rejected (or --yes). */
export async function confirmOnce(
  yes: boolean,
  interactive: boolean,
  rejected: number,
  io: CliIo,
): Promise<boolean> {
  if (yes) return true;
  if (!interactive) {
    if (rejected === 0) return true;
    throw new OathkitError(
      `${rejected} row${rejected === 1 ? " is" : "s are"} rejected; nothing was written.`,
      {
        exitCode: 1,
        hint: "Fix them, or pass --yes to go on with the valid rows only.",
      },
    );
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question(
      rejected > 0
        ? `${rejected} rows are rejected. Go on with the valid rows only? [y/N] `
        : "Go on? [y/N] ",
    );
    return /^y(es)?$/iu.test(answer.trim());
  } finally {
    rl.close();
  }
}
