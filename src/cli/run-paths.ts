import { basename, dirname, join, resolve } from "node:path";
import type { ProvisionPaths } from "../provision/run-provision.js";
import type { SourceLayout } from "../provision/types.js";
import { failuresExtension } from "../provision/failures-file.js";

/**
Where a job's files go. By default one folder per input file version under ./oathkit-runs, with
a report, journal and failures file per command (import, activate), so the same command on the
same file finds its journal again and resumes; `--report` and `--state` move them. The failures
file always sits beside the report.
*/
export function runPaths(
  command: "import" | "activate",
  cwd: string,
  file: string,
  inputSha256: string,
  layout: SourceLayout,
  flags: { report?: string | undefined; state?: string | undefined },
): ProvisionPaths {
  const folder = join(cwd, "oathkit-runs", `${stemOf(file)}-${inputSha256.slice(0, 8)}`);
  const { report, journal } = reportAndJournal(cwd, join(folder, `${command}.csv`), flags);
  const failures = join(dirname(report), `${stemOf(report)}.failures.${failuresExtension(layout)}`);
  return { report, journal, failures };
}

/**
A job's report (`--report`, else the default given) and its journal: beside the report as
`<report name>.journal.jsonl` unless `--state` moves it. Shared by import, activate and remove.
*/
export function reportAndJournal(
  cwd: string,
  defaultReport: string,
  flags: { report?: string | undefined; state?: string | undefined },
): { report: string; journal: string } {
  const report = flags.report === undefined ? defaultReport : resolve(cwd, flags.report);
  const journal =
    flags.state === undefined
      ? join(dirname(report), `${stemOf(report)}.journal.jsonl`)
      : resolve(cwd, flags.state);
  return { report, journal };
}

const stemOf = (path: string): string => basename(path).replace(/\.[^.]+$/u, "");
