import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readJobFile } from "../files/job-file.js";
import { journalKeyOf, parseJournal, type JournalKey } from "./journal-lines.js";

export type OtherJournal = {
  path: string;
  tenantId: string | null;
  graphHost: string | null;
  /** Its job's failures file, when there is one: it may hold seeds. */
  failures: string | null;
};

/**
Journals of the same command in a job folder that belong to another tenant or Graph host (or
name none: written by an older oathkit). They are never used; the run says it found them, so an
admin who expected a resume knows why there is none.
*/
export function otherJournals(folder: string, own: string, key: JournalKey): OtherJournal[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${key.command}(-[0-9a-f]{12})?\\.journal\\.jsonl$`, "u");
  const found: OtherJournal[] = [];
  for (const name of names.filter((n) => pattern.test(n)).sort()) {
    const path = join(folder, name);
    if (path === own) continue;
    let theirs: ReturnType<typeof journalKeyOf>;
    try {
      // Its job is named on its first line: no need to read a large journal through.
      const text = readJobFile(path, "journal") ?? "";
      const end = text.indexOf("\n");
      theirs = journalKeyOf(parseJournal(path, end < 0 ? "" : text.slice(0, end + 1)));
    } catch {
      continue; // damaged or not a file: not this run's business
    }
    if (theirs === null || theirs.inputSha256 !== key.inputSha256) continue;
    if (theirs.tenantId === key.tenantId && theirs.graphHost === key.graphHost) continue;
    const stem = path.replace(/\.journal\.jsonl$/u, "");
    const failures = [`${stem}.failures.csv`, `${stem}.failures.txt`].find((f) => existsSync(f));
    found.push({
      path,
      tenantId: theirs.tenantId ?? null,
      graphHost: theirs.graphHost ?? null,
      failures: failures ?? null,
    });
  }
  return found;
}

/** One warning for them all: how many, and the most recent one's tenant and host. */
export function otherJournalsWarning(
  found: readonly OtherJournal[],
  key: JournalKey,
): string | null {
  const last = found.at(-1);
  if (last === undefined) return null;
  const where =
    last.tenantId === null
      ? "a tenant it does not name (an older oathkit wrote it)"
      : `tenant ${last.tenantId} at ${last.graphHost ?? "an unknown host"}`;
  const count = found.length === 1 ? "A journal" : `${found.length} journals`;
  const failures = found.flatMap((f) => (f.failures === null ? [] : [f.failures]));
  const seeds =
    failures.length === 0
      ? ""
      : ` Their failures files may hold seeds; delete them once used: ${failures.join(", ")}.`;
  return `${count} of this job for another tenant or Graph host (e.g. ${last.path}, for ${where}) ${found.length === 1 ? "is" : "are"} not used: this run is signed in to tenant ${key.tenantId} at ${key.graphHost} and keeps its own journal.${seeds}`;
}
