import type { RemoveEvent, RemoveMode, RemoveSummary } from "../events/remove-events.js";
import type { JobDeps } from "../job/run-deps.js";
import { journalPath, removeJobFolder, reportPath } from "../job/run-paths.js";
import type { RunTarget } from "../events/run-target.js";
import { auditFor, inTenant, runTarget, signIn } from "../job/tenant.js";
import type { RemovalPlan } from "./remove-plan.js";
import { removeJobId, runRemove } from "./run-remove.js";

/** What `oathkit remove` was asked to do, from its flags. */
export type RemoveRequest = {
  serials: readonly string[];
  mode: RemoveMode;
  dryRun: boolean;
  concurrency: number;
  cwd: string;
  /** `--report`, `--state`, `--force`. */
  files: { report?: string | undefined; state?: string | undefined; force: boolean };
  /** The files the command reads (`--file`): never written to, whatever the flags. */
  inputs: readonly string[];
  /** For the report: as typed, secrets replaced. */
  commandLine: string;
  /** Asked once, after the plan, before the first write. */
  confirm: (plan: RemovalPlan, target: RunTarget) => Promise<boolean>;
};

/**
A remove job: its report path checked before sign-in (a refusal writes nothing), then in the
tenant: sign in, the job's journal for that tenant, the removal (job/tenant.ts maps a Graph
failure to the fatal error naming its step and host).
*/
export async function runRemoveJob(
  request: RemoveRequest,
  deps: JobDeps<RemoveEvent>,
): Promise<RemoveSummary> {
  const { serials, mode, cwd, files } = request;
  const started = deps.now();
  const folder = removeJobFolder(cwd, removeJobId(serials, mode));
  const report = reportPath(folder, "remove", cwd, files, request.inputs, started);
  return inTenant(deps.openTenant, async (session) => {
    const connected = await signIn(session);
    const journal = journalPath(folder, "remove", cwd, connected, files.state);
    const audit = auditFor(connected, {
      commandLine: request.commandLine,
      input: request.inputs[0] ?? null,
      inputSha256: null,
      journal,
      startedAt: started,
    });
    return runRemove(
      serials,
      {
        mode,
        dryRun: request.dryRun,
        concurrency: request.concurrency,
        confirm: request.confirm,
        audit,
        target: runTarget(connected, session.place),
      },
      { report, journal, replaceReport: files.force },
      { ...deps, directory: session.directory },
    );
  });
}
