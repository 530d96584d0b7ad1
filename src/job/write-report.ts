import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { OathkitError } from "../errors.js";
import { writePrivateFile } from "../files/private-file.js";

/**
Writes one of the files a run leaves behind (mode 0600, its folder created 0700). A run that wrote
to the tenant is not undone by a file it cannot write: the failure is returned as one sentence — a
problem for the summary (exit 1) — and null means written. `render` runs inside the guard too.
*/
export async function writeRunFile(
  path: string,
  render: () => string,
  options: { replace: boolean; journal: string; failed?: string },
): Promise<string | null> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writePrivateFile(path, render(), { replace: options.replace });
    return null;
  } catch (error) {
    return notWritten(
      options.failed ?? `The report ${path} could not be written`,
      error,
      options.journal,
    );
  }
}

/** "<failed> (<why>); the tenant has the changes this run made, and the journal … has every step." */
export function notWritten(failed: string, error: unknown, journal: string): string {
  return `${failed} (${reason(error)}); the tenant has the changes this run made, and the journal ${journal} has every step.`;
}

/** Why a file could not be written, in a few words (never a stack). */
export function reason(error: unknown): string {
  if (error instanceof OathkitError) return error.message.replace(/\.$/u, "");
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === "string" ? code : "unknown error";
}
