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
  const stem = basename(file).replace(/\.[^.]+$/u, "");
  const folder = join(cwd, "oathkit-runs", `${stem}-${inputSha256.slice(0, 8)}`);
  const report =
    flags.report === undefined ? join(folder, `${command}.csv`) : resolve(cwd, flags.report);
  const reportStem = basename(report).replace(/\.[^.]+$/u, "");
  return {
    report,
    journal:
      flags.state === undefined
        ? join(dirname(report), `${reportStem}.journal.jsonl`)
        : resolve(cwd, flags.state),
    failures: join(dirname(report), `${reportStem}.failures.${failuresExtension(layout)}`),
  };
}
