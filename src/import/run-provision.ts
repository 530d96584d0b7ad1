import type { ProvisionOptions } from "./context.js";
import type { ProvisionEvent } from "../events/provision-events.js";
import type { RunDeps } from "../job/run-deps.js";
import { OathkitError } from "../errors.js";
import { assignAndActivate, type ActivateResult } from "../activate/assign-and-activate.js";
import { seedCodes, type CodeSource } from "../activate/codes.js";
import { createTokens } from "./create-tokens.js";
import { finishRun, type RunRecord } from "./finish-run.js";
import { type AuditBase } from "../files/report-header.js";
import { Journal, type JournalEntry, type JournalKey } from "../job/journal.js";
import { createdId } from "./outcome.js";
import { makePlan, planCounts, type Plan, type PlannedToken } from "./plan.js";
import { forEachConcurrently } from "../pool.js";
import { runPreflight, type Preflight } from "./preflight.js";
import { rejectedCount } from "../events/counts.js";
import type { RunFilePaths } from "./run-files.js";
import type { RunContext } from "../job/run-context.js";
import type { SourceLayout } from "../seed-file/source-layout.js";
import type { Summary } from "../events/run-summary.js";
import type { RejectedRow } from "./rejected-row.js";
import type { Token } from "../validate/token-schema.js";
import { WritePacer } from "../job/write-pacer.js";
import { runTarget } from "../job/tenant.js";
import type { RunTarget } from "../events/run-target.js";

export type ProvisionInput = {
  file: string;
  inputSha256: string;
  layout: SourceLayout;
  tokens: readonly Token[];
  /** Rows validation rejected (reported and written to the failures file). */
  rejectedRows: readonly RejectedRow[];
  rows: number;
  /** What the report's audit header says about how the file was read (prepare-input.ts). */
  notes: readonly string[];
};

export type ProvisionPaths = RunFilePaths;

export type ProvisionRunOptions = ProvisionOptions & {
  dryRun: boolean;
  /** Asked once, after the plan, before the first write; false stops with nothing written. */
  confirm: (plan: Plan, rejectedCount: number) => Promise<boolean>;
  /** Replaces codes computed from the seeds (activate --from-device). */
  codeSource?: ((ctx: RunContext) => CodeSource) | undefined;
  /** Who runs this, where (the tenant and Graph host also key the journal): the report's header. */
  audit: AuditBase;
  /** Whether a rerun reaches this tenant again (not with --emulator): Summary.resumable. */
  resumable: boolean;
  /** Where the run writes, as the pre-flight shows it; else from `audit`. */
  target?: RunTarget | undefined;
};

/**
import / activate, end to end (docs/provisioning.md): pre-flight → plan → create → assign and activate →
verify → report. Emits events for every transition and returns the summary. Bad rows and failed
tokens are outcomes, not exceptions; only fatal conditions (sign-in, permissions, clock, a held
journal, a declined plan) throw.
*/
export async function runProvision(
  input: ProvisionInput,
  options: ProvisionRunOptions,
  paths: ProvisionPaths,
  deps: RunDeps<ProvisionEvent>,
): Promise<Summary> {
  let started = deps.now();
  deps.emit({ type: "phase", phase: "preflight", total: input.tokens.length });
  // Plan from what the journal says without taking it: a dry run, a declined plan or a plan
  // refused for rejected rows leave no file behind.
  const key: JournalKey = {
    command: options.command,
    inputSha256: input.inputSha256,
    tenantId: options.audit.tenantId,
    graphHost: options.audit.graphHost,
  };
  const recorded = Journal.peek(paths.journal, key);
  const { plan, preflight } = await preflightAndPlan(input, options, recorded, deps);
  if (options.dryRun) {
    return finishRun(record(input, options, paths, started, preflight), plan, deps, {
      written: false,
    });
  }
  const rejected = rejectedCount(planCounts(plan, fileCounts(input)));
  const asked = deps.now();
  const confirmed = plan.work.length === 0 || (await options.confirm(plan, rejected));
  // The time "Done in N s" gives is the run's, not the time the question waited for an answer.
  started += deps.now() - asked;
  if (!confirmed) {
    // Declined: nothing was done (exit 2, the README's table), whether or not rows were rejected.
    throw new OathkitError("Nothing was written.", {
      exitCode: 2,
      ...(rejected > 0
        ? {
            hint: "Fix the rejected rows and run again, or run again and answer y to go on with the valid rows only.",
          }
        : {}),
    });
  }
  const journal = Journal.open(paths.journal, key, deps.now);
  try {
    const ctx: RunContext = {
      deps,
      options,
      journal,
      pacer: new WritePacer(deps, {
        activationsPerMinute: options.activationsPerMinute,
        learnedRate: deps.rates?.recall(options.audit) ?? null,
      }),
    };
    deps.emit({ type: "phase", phase: "create", total: plan.work.filter((p) => p.create).length });
    const created = await createTokens(
      plan.work.filter((p) => p.create),
      ctx,
    );
    const toActivate: Array<[PlannedToken, string]> = [];
    for (const p of plan.work) {
      const id = p.create ? createdId(created.get(p.token.serialNumber)) : (p.device?.id ?? null);
      if (id !== null && (p.assign || p.activate)) toActivate.push([p, id]);
    }
    deps.emit({ type: "phase", phase: "activate", total: toActivate.length });
    const codes = options.codeSource?.(ctx) ?? seedCodes(clockSettings(preflight, deps), ctx);
    const activated = new Map<string, ActivateResult>();
    await forEachConcurrently(
      toActivate,
      options.codeSource === undefined ? options.concurrency : 1,
      async ([p, id]) => {
        activated.set(p.token.serialNumber, await assignAndActivate(p, id, codes, ctx));
      },
      deps.signal,
    );
    const learned = ctx.pacer.learnedRate;
    if (learned !== null) await deps.rates?.remember(options.audit, learned, deps.now());
    return await finishRun(record(input, options, paths, started, preflight), plan, deps, {
      written: true,
      ctx,
      created,
      activated,
    });
  } finally {
    journal.close();
  }
}

async function preflightAndPlan(
  input: ProvisionInput,
  options: ProvisionRunOptions,
  journal: (serial: string) => JournalEntry | undefined,
  deps: RunDeps<ProvisionEvent>,
): Promise<{ plan: Plan; preflight: Preflight }> {
  const needUsers = options.command === "activate" || options.mode !== "inventory";
  const preflight = await runPreflight(input.tokens, needUsers, options, deps);
  const plan = makePlan(input.tokens, preflight, journal, options.command, options.mode);
  deps.emit({
    type: "preflight",
    command: options.command,
    target: options.target ?? runTarget(options.audit, undefined),
    policyState: preflight.policyState,
    clock: clockOf(preflight),
    alreadyPresent: plan.skipped.length,
    resumed: input.tokens.filter((t) => journal(t.serialNumber) !== undefined).length,
  });
  for (const r of plan.rejected) {
    const { line, serialNumber, upn } = r.token;
    deps.emit({ type: "row-rejected", line, serialNumber, upn, code: r.code, message: r.message });
  }
  deps.emit({ type: "phase", phase: "plan", total: plan.work.length });
  deps.emit({ type: "plan", counts: planCounts(plan, fileCounts(input)), dryRun: options.dryRun });
  return { plan, preflight };
}

const fileCounts = (input: ProvisionInput) => ({
  rows: input.rows,
  rejectedByValidation: input.rejectedRows.length,
});

function clockOf(preflight: Preflight): Summary["clock"] {
  return {
    source: preflight.clock.use === "local" ? "local" : "server",
    offsetMs: preflight.clock.offsetMs,
    uncertaintyMs: preflight.estimate?.uncertaintyMs ?? null,
  };
}

/** The guard before a step ends grows with the clock estimate's uncertainty and the slowest responses. */
function clockSettings(preflight: Preflight, deps: RunDeps<ProvisionEvent>) {
  const latencies = deps.directory
    .dateSamples()
    .map((s) => s.receivedAtMs - s.sentAtMs)
    .sort((a, b) => a - b);
  return {
    offsetMs: preflight.clock.offsetMs,
    uncertaintyMs: preflight.estimate?.uncertaintyMs ?? 1_000,
    expectedLatencyMs: latencies[Math.floor(latencies.length * 0.9)] ?? 1_000,
  };
}

function record(
  input: ProvisionInput,
  options: ProvisionRunOptions,
  paths: ProvisionPaths,
  started: number,
  preflight: Preflight,
): RunRecord {
  return {
    input,
    command: options.command,
    mode: options.mode,
    paths,
    started,
    clock: clockOf(preflight),
    audit: options.audit,
    resumable: options.resumable,
  };
}
