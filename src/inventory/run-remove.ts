import { createHash } from "node:crypto";
import { OathkitError } from "../errors.js";
import type { GraphFailure } from "../graph/graph-failure.js";
import { authError } from "../job/fatal-error.js";
import { writeRunFile } from "../job/write-report.js";
import type { OathDirectory } from "../graph/port.js";
import { Journal } from "../job/journal.js";
import { utc } from "../files/report-header.js";
import type { AuditBase } from "../files/report-header.js";
import type { RunDeps } from "../job/run-deps.js";
import type {
  RemoveEvent,
  RemoveMode,
  RemoveState,
  RemoveSummary,
} from "../events/remove-events.js";
import {
  hasWrites,
  lookUpSerials,
  planRemoval,
  type RemovalPlan,
  type RemovalTarget,
} from "./remove-plan.js";
import { renderRemoveReport } from "../present/remove-report.js";
import { removeTokens } from "./remove-tokens.js";
import type { RunTarget } from "../events/run-target.js";
import { runTarget } from "../job/tenant.js";
import { type RemoveOutcome } from "../events/remove-events.js";
import { resolveHolders } from "./resolve-holders.js";
import { missingAccess, refuseMissingAccess } from "../job/access-check.js";
import { removeNeeds } from "../job/access-needs.js";

export type RemoveRunOptions = {
  mode: RemoveMode;
  dryRun: boolean;
  concurrency: number;
  /** Asked once, after the plan, before the first write; false stops with nothing written. */
  confirm: (plan: RemovalPlan, target: RunTarget) => Promise<boolean>;
  /** Who runs this, where (the tenant and Graph host also key the journal): the report's header. */
  audit: AuditBase;
  /** Where the removal writes, as the plan and the question show it; else from `audit`. */
  target?: RunTarget | undefined;
};

/** `replaceReport`: `--force` was given for an existing `--report` file. */
export type RemovePaths = { journal: string; report: string; replaceReport: boolean };

/**
`oathkit remove`, end to end: look the serials up (read-only) → plan → confirm → unassign and
delete, journaled → report. A dry run stops after the plan and writes nothing, not even a file.
*/
export async function runRemove(
  serials: readonly string[],
  options: RemoveRunOptions,
  paths: RemovePaths,
  deps: RunDeps<RemoveEvent>,
): Promise<RemoveSummary> {
  const started = deps.now();
  const unique = [...new Set(serials)];
  const granted = await deps.directory.grantedAccess();
  const access = (unassign: boolean) =>
    refuseMissingAccess(
      "oathkit remove",
      missingAccess(
        removeNeeds({ delete: options.mode === "remove", unassign }),
        granted,
        options.dryRun,
      ),
      granted,
    );
  access(false);
  const found = await lookUpSerials(deps.directory, unique, options.concurrency);
  const jobId = removeJobId(unique, options.mode);
  const key = {
    command: "remove",
    inputSha256: jobId,
    tenantId: options.audit.tenantId,
    graphHost: options.audit.graphHost,
  };
  const plan = planRemoval(unique, found, options.mode, Journal.peek(paths.journal, key));
  if (plan.counts.unassign > 0) access(true); // unassigning needs the user-methods permission
  const upns = await holderUpns(deps.directory, plan);
  const holderOf = (t: RemovalTarget): string | null => {
    const id = t.device?.assignedTo?.id;
    return id === undefined ? null : (upns.get(id) ?? id);
  };
  const target = options.target ?? runTarget(options.audit, undefined);
  deps.emit({
    type: "plan",
    mode: plan.mode,
    target,
    counts: plan.counts,
    serials: plan.targets.map((t) => ({
      serialNumber: t.serialNumber,
      action: t.action,
      holder: holderOf(t),
    })),
    dryRun: options.dryRun,
  });
  const summary = (
    counts: RemoveSummary["counts"],
    written: boolean,
    problems: string[] = [],
  ): RemoveSummary => ({
    command: "remove",
    mode: options.mode,
    dryRun: options.dryRun,
    counts,
    elapsedMs: deps.now() - started,
    reportPath: written && problems.length === 0 ? paths.report : null,
    journalPath: written ? paths.journal : null,
    problems,
    interrupted: deps.signal.aborted,
  });

  if (options.dryRun) {
    const c = plan.counts;
    return summary(
      {
        ...countStates([]),
        serials: c.serials,
        alreadyGone: c.alreadyGone,
        alreadyUnassigned: c.alreadyUnassigned,
        notFound: c.notFound,
        notAttempted: c.serials - c.alreadyGone - c.alreadyUnassigned - c.notFound,
      },
      false,
    );
  }
  if (hasWrites(plan) && !(await options.confirm(plan, target))) {
    throw new OathkitError("Nothing was removed: the plan was not confirmed."); // exit 2
  }

  const journal = Journal.open(paths.journal, key, deps.now);
  let outcomes: RemoveOutcome[];
  const refused: { failure?: GraphFailure } = {};
  try {
    outcomes = await removeTokens(
      plan.targets,
      {
        mode: options.mode,
        concurrency: options.concurrency,
        upnOf: (id) => upns.get(id) ?? null,
        onAuthFailure: (failure) => (refused.failure = failure),
        tenant: options.audit,
      },
      { ...deps, journal },
    );
  } finally {
    journal.close();
  }
  const header = {
    ...options.audit,
    command: "remove",
    mode: options.mode,
    finishedAt: utc(deps.now()),
    counts: countStates(outcomes),
  };
  const problem = await writeRunFile(
    paths.report,
    () => renderRemoveReport(outcomes, paths.report, header),
    { replace: paths.replaceReport, journal: paths.journal },
  );
  const problems = problem === null ? [] : [problem];
  for (const o of outcomes)
    deps.emit({ type: "finished", serialNumber: o.serialNumber, state: o.state });

  // Refused before anything was removed: a fatal error like import's (exit 2), not a summary.
  const done = outcomes.some((o) => o.state === "deleted" || o.state === "unassigned");
  if (refused.failure !== undefined && !done) throw authError(refused.failure);
  return summary(countStates(outcomes), true, problems);
}

/**
The identity of a remove job: the mode and the set of serials. The default journal and report
paths are named after it, so running the same command again resumes the same job.
*/
export function removeJobId(serials: readonly string[], mode: RemoveMode): string {
  const sorted = [...new Set(serials)].sort();
  return createHash("sha256")
    .update(`remove\n${mode}\n${sorted.join("\n")}`)
    .digest("hex");
}

/** Holders' UPNs for the report; best effort (a directory that hides users must not block removal). */
async function holderUpns(
  directory: OathDirectory,
  plan: RemovalPlan,
): Promise<Map<string, string | null>> {
  const ids = plan.targets.flatMap((t) => (t.device?.assignedTo ? [t.device.assignedTo.id] : []));
  try {
    return await resolveHolders(directory, ids, 8);
  } catch {
    return new Map();
  }
}

function countStates(outcomes: readonly RemoveOutcome[]): RemoveSummary["counts"] {
  const count = (state: RemoveState): number => outcomes.filter((o) => o.state === state).length;
  return {
    serials: outcomes.length,
    deleted: count("deleted"),
    unassigned: count("unassigned"),
    alreadyGone: count("already-gone"),
    alreadyUnassigned: count("already-unassigned"),
    notFound: count("not-found"),
    failed: count("failed"),
    notAttempted: count("not-attempted"),
  };
}
