import { resolve } from "node:path";
import type { ProvisionEvent } from "../events/provision-events.js";
import type { ImportMode, Summary } from "../events/run-summary.js";
import { otherJournals, otherJournalsWarning } from "../job/other-journals.js";
import type { RunContext } from "../job/run-context.js";
import type { JobDeps } from "../job/run-deps.js";
import {
  failuresPath,
  jobFolder,
  journalPath,
  refuseJobFile,
  reportPath,
} from "../job/run-paths.js";
import { auditFor, inTenant, runTarget, signIn } from "../job/tenant.js";
import type { CodeSource } from "../activate/codes.js";
import type { RunTuning } from "./context.js";
import type { PreparedInput } from "./prepare-input.js";
import { runProvision } from "./run-provision.js";

/** What an import or activate run was asked to do: from flags, or chosen in the guided flow. */
export type ImportRequest = {
  command: "import" | "activate";
  mode: ImportMode;
  cwd: string;
  /** `--map`: an input too, never written to. */
  mapPath: string | undefined;
  tuning: RunTuning;
  dryRun: boolean;
  useServerTime: boolean;
  reportPath: string | undefined;
  statePath: string | undefined;
  /** `--force`: an existing `--report` file may be replaced (never an input file). */
  force: boolean;
  /** For the report: as typed, secrets replaced (cli/command-line.ts). */
  commandLine: string;
  /** The tenant is a new one every run (--emulator): other tenants' journals are no news. */
  newTenantEachRun?: boolean | undefined;
};

export type ImportHooks = {
  /** Asked once before the first write: `toWrite` tokens have work, `rejected` rows are left out. */
  confirm: (rejected: number, toWrite: number) => Promise<boolean>;
  /** Codes read off each device (`--from-device`) instead of computed from the seeds. */
  codeSource?: ((ctx: RunContext) => CodeSource) | undefined;
};

/**
An import/activate job: where its report goes, checked before sign-in (a refusal writes nothing);
then in the tenant: sign in, the job's journal for that tenant (saying so when journals of other
tenants sit beside it), and the run itself.
*/
export async function runImportJob(
  prepared: PreparedInput,
  request: ImportRequest,
  hooks: ImportHooks,
  deps: JobDeps<ProvisionEvent>,
): Promise<Summary> {
  const { input } = prepared;
  const started = deps.now();
  const folder = jobFolder(request.cwd, input.file, input.inputSha256);
  const inputs = [
    input.file,
    ...(request.mapPath === undefined ? [] : [resolve(request.cwd, request.mapPath)]),
  ];
  const report = reportPath(
    folder,
    request.command,
    request.cwd,
    { report: request.reportPath, state: request.statePath, force: request.force },
    inputs,
    started,
  );
  return inTenant(deps.openTenant, async (tenant) => {
    const { directory } = tenant;
    const connected = await signIn(tenant);
    const journal = journalPath(folder, request.command, request.cwd, connected, request.statePath);
    const failures = failuresPath(journal, input.layout);
    refuseJobFile(report, [journal, failures]);
    const key = {
      command: request.command,
      inputSha256: input.inputSha256,
      tenantId: connected.tenantId,
      graphHost: connected.graphHost,
    };
    if (request.statePath === undefined) {
      const others = otherJournals(folder, journal, key);
      // Earlier runs' journals are never resumed in a new tenant, so they are no news, unless a
      // failures file beside one may hold seeds.
      const worth =
        request.newTenantEachRun === true ? others.filter((o) => o.failures !== null) : others;
      const warning = otherJournalsWarning(worth, key);
      if (warning !== null)
        deps.emit({ type: "warning", code: "journal-other-tenant", message: warning });
    }
    return runProvision(
      input,
      {
        command: request.command,
        mode: request.mode,
        ...request.tuning,
        useServerTime: request.useServerTime,
        dryRun: request.dryRun,
        confirm: (plan, rejected) => hooks.confirm(rejected, plan.work.length),
        codeSource: hooks.codeSource,
        audit: auditFor(connected, {
          commandLine: request.commandLine,
          input: input.file,
          inputSha256: input.inputSha256,
          journal,
          startedAt: started,
          notes: input.notes,
        }),
        resumable: request.newTenantEachRun !== true,
        target: runTarget(connected, tenant.place),
      },
      { report, replaceReport: request.force, journal, failures },
      { ...deps, directory },
    );
  });
}
