import { createHash } from "node:crypto";
import { existsSync, lstatSync, statSync } from "node:fs";
import path, { join, resolve, type PlatformPath } from "node:path";
import { UsageError } from "../errors.js";
import type { Connected } from "../graph/index.js";
import { failuresExtension } from "../present/failures-file.js";
import type { SourceLayout } from "../seed-file/source-layout.js";

/**
Where a job's files go (docs/provisioning.md, "Job files").

- The job folder: `oathkit-runs/<input name>-<first 8 hex of its SHA-256>/` (remove:
  `oathkit-runs/remove-<job id>/`).
- The report is the run's own: `<command>-<UTC time>.csv`, a new file each run, or `--report`.
  Nothing replaces an existing file without `--force`, and never an input file, even with it.
- The journal is the job's, keyed by the tenant and Graph host it was written for:
  `<command>-<tenant key>.journal.jsonl` in the job folder, or `--state`. So the same command on
  the same file against the same tenant finds it again, whatever the report is called, and a run
  against another tenant never resumes it.
- The failures file sits beside the journal (`<journal name>.failures.csv`), one per job.
*/
export function jobFolder(
  cwd: string,
  file: string,
  inputSha256: string,
  paths: PlatformPath = path,
): string {
  return paths.join(cwd, "oathkit-runs", `${stemOf(file, paths)}-${inputSha256.slice(0, 8)}`);
}

/** A remove job's folder, named after its job id (the mode and the set of serials). */
export function removeJobFolder(cwd: string, jobId: string): string {
  return join(cwd, "oathkit-runs", `remove-${jobId.slice(0, 8)}`);
}

/**
The run's report path, checked before sign-in so a refusal writes nothing anywhere: `--report` or
a new timestamped name in the job folder. `inputs` are the files the command reads (the seed
file, `--map`): never written to, whatever the flags.
*/
export function reportPath(
  folder: string,
  command: string,
  cwd: string,
  flags: { report?: string | undefined; state?: string | undefined; force: boolean },
  inputs: readonly string[],
  now: number,
): string {
  if (flags.state !== undefined) refuseInput(resolve(cwd, flags.state), "--state", inputs);
  if (flags.report !== undefined) {
    const path = resolve(cwd, flags.report);
    refuseInput(path, "--report", inputs);
    if (!flags.force && lstatSync(path, { throwIfNoEntry: false }) !== undefined) {
      throw new UsageError(
        `${path} already exists; oathkit does not replace a file unless asked.`,
        {
          hint: "Choose another --report path, or pass --force to replace it. Nothing was written.",
        },
      );
    }
    return path;
  }
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/gu, "")
    .replace(/\.\d+Z$/u, "Z");
  for (let n = 1; ; n += 1) {
    const path = join(folder, `${command}-${stamp}${n === 1 ? "" : `-${n}`}.csv`);
    if (lstatSync(path, { throwIfNoEntry: false }) === undefined) return path;
  }
}

/** The job's journal: `--state`, or keyed by the tenant and Graph host in the job folder. */
export function journalPath(
  folder: string,
  command: string,
  cwd: string,
  connected: Pick<Connected, "tenantId" | "graphHost">,
  state: string | undefined,
): string {
  if (state !== undefined) return resolve(cwd, state);
  return join(folder, `${command}-${tenantKey(connected)}.journal.jsonl`);
}

/** The job's failures file, beside its journal and named after it. */
export function failuresPath(
  journal: string,
  layout: SourceLayout,
  paths: PlatformPath = path,
): string {
  const name = paths.basename(journal).replace(/(\.journal)?\.jsonl?$/u, "");
  return paths.join(paths.dirname(journal), `${name}.failures.${failuresExtension(layout)}`);
}

/** 12 hex of SHA-256(tenant id, Graph host): a file name part; the journal names both in clear. */
export function tenantKey(connected: Pick<Connected, "tenantId" | "graphHost">): string {
  return createHash("sha256")
    .update(`${connected.tenantId}\n${connected.graphHost}`)
    .digest("hex")
    .slice(0, 12);
}

/**
The report must not be one of the job's own files (`--report` naming the journal, say). Windows'
file names ignore case, so there `R.JOURNAL.JSONL` is the journal too.
*/
export function refuseJobFile(
  report: string,
  jobFiles: readonly string[],
  platform: NodeJS.Platform = process.platform,
): void {
  const same = platform === "win32" ? (p: string) => p.toLowerCase() : (p: string) => p;
  if (jobFiles.some((file) => same(file) === same(report))) {
    throw new UsageError(
      `--report ${report} is one of this job's own files (its journal or failures file).`,
      {
        hint: "Pass another --report path. Nothing was written.",
      },
    );
  }
}

function refuseInput(path: string, flag: string, inputs: readonly string[]): void {
  if (!existsSync(path)) return;
  const target = statSync(path);
  for (const input of inputs) {
    const stat = statSync(input, { throwIfNoEntry: false });
    if (stat !== undefined && stat.dev === target.dev && stat.ino === target.ino) {
      throw new UsageError(
        `${flag} ${path} is an input file of this command; oathkit never writes over its input.`,
        {
          hint: `Pass another ${flag} path (or none for the default). Nothing was written.`,
        },
      );
    }
  }
}

const stemOf = (file: string, paths: PlatformPath): string =>
  paths.basename(file).replace(/\.[^.]+$/u, "");
