import { CancelledError } from "../errors.js";
import type { Device } from "../graph/port.js";
import { assignAndActivate, type ActivateResult } from "./activate-device.js";
import type { ProvisionDeps, ProvisionOptions } from "./context.js";
import { createDevices, type CreateResult } from "./create-devices.js";
import { renderFailures } from "./failures-file.js";
import { Journal } from "./journal.js";
import { makePlan, planCounts, type Plan, type PlannedToken } from "./plan.js";
import { forEachConcurrently } from "./pool.js";
import { runPreflight } from "./preflight.js";
import { renderReport, writePrivateFile } from "./report-files.js";
import type { RunContext } from "./run-context.js";
import type {
  RejectedRow,
  SourceLayout,
  Summary,
  TokenOutcome,
  TokenToProvision,
} from "./types.js";
import { readBack } from "./verify.js";
import { blank, deviceOf, tokenOutcome } from "./outcome.js";
import { WritePacer } from "./write-pacer.js";

export type ProvisionInput = {
  file: string;
  inputSha256: string;
  layout: SourceLayout;
  tokens: readonly TokenToProvision[];
  /** Rows validation rejected (shown, reported and written to the failures file). */
  rejectedRows: readonly RejectedRow[];
  rows: number;
};

export type ProvisionPaths = { journal: string; report: string; failures: string };

export type ProvisionRunOptions = ProvisionOptions & {
  dryRun: boolean;
  /** Asked once, after the plan, before the first write; false stops with nothing written. */
  confirm: (plan: Plan, rejectedCount: number) => Promise<boolean>;
};

/**
import / activate, end to end (product.md §3): pre-flight → plan → create → assign and activate →
verify → report. Emits events for every transition; returns the summary. Bad rows and failed
tokens are outcomes, not exceptions; only fatal conditions (sign-in, permissions, clock, a held
journal) throw.
*/
export async function runProvision(
  input: ProvisionInput,
  options: ProvisionRunOptions,
  paths: ProvisionPaths,
  deps: ProvisionDeps,
): Promise<Summary> {
  const started = deps.now();
  const needUsers = options.command === "activate" || options.mode !== "inventory";
  deps.emit({ type: "phase", phase: "preflight", total: input.tokens.length });
  const journal = Journal.open(
    paths.journal,
    { command: options.command, inputSha256: input.inputSha256 },
    deps.now,
  );
  try {
    const preflight = await runPreflight(input.tokens, needUsers, options, deps);
    const resumed = input.tokens.filter((t) => journal.get(t.serialNumber) !== undefined).length;
    const clock = {
      source: preflight.clock.use === "local" ? ("local" as const) : ("server" as const),
      offsetMs: preflight.clock.offsetMs,
      uncertaintyMs: preflight.estimate?.uncertaintyMs ?? null,
    };
    const plan = makePlan(
      input.tokens,
      preflight,
      (s) => journal.get(s),
      options.command,
      options.mode,
    );
    deps.emit({
      type: "preflight",
      policyState: preflight.policyState,
      clock,
      alreadyPresent: plan.skipped.length,
      resumed,
    });
    for (const r of plan.rejected) {
      deps.emit({
        type: "row-rejected",
        line: r.token.line,
        serialNumber: r.token.serialNumber,
        upn: r.token.upn,
        code: r.code,
        message: r.message,
      });
    }
    deps.emit({ type: "phase", phase: "plan", total: plan.work.length });
    deps.emit({ type: "plan", counts: planCounts(plan), dryRun: options.dryRun });

    const rejectedCount = plan.rejected.length + input.rejectedRows.length;
    const summaryBase = { input, options, paths, started, clock };
    if (options.dryRun)
      return finish(summaryBase, plan, new Map(), new Map(), deps, { write: false });
    if (plan.work.length > 0 && !(await options.confirm(plan, rejectedCount))) {
      throw new CancelledError(
        "Nothing was written.",
        rejectedCount > 0
          ? "Fix the rejected rows, or pass --yes to go on with the valid rows only."
          : undefined,
      );
    }

    const ctx: RunContext = {
      deps,
      options,
      journal,
      pacer: new WritePacer(deps, { activationsPerMinute: options.activationsPerMinute }),
    };
    deps.emit({ type: "phase", phase: "create", total: plan.work.filter((p) => p.create).length });
    const created = await createDevices(
      plan.work.filter((p) => p.create),
      ctx,
    );

    const toActivate: Array<[PlannedToken, string]> = [];
    for (const p of plan.work) {
      const id = p.create
        ? created.get(p.token.serialNumber)?.ok === true
          ? deviceOf(created.get(p.token.serialNumber))
          : null
        : (p.device?.id ?? null);
      if (id !== null && (p.assign || p.activate)) toActivate.push([p, id]);
    }
    deps.emit({ type: "phase", phase: "activate", total: toActivate.length });
    const activated = new Map<string, ActivateResult>();
    const latencies = deps.directory
      .dateSamples()
      .map((s) => s.receivedAtMs - s.sentAtMs)
      .sort((a, b) => a - b);
    const clockSettings = {
      offsetMs: preflight.clock.offsetMs,
      uncertaintyMs: preflight.estimate?.uncertaintyMs ?? 1_000,
      expectedLatencyMs: latencies[Math.floor(latencies.length * 0.9)] ?? 1_000,
    };
    await forEachConcurrently(
      toActivate,
      options.concurrency,
      async ([p, id]) => {
        activated.set(p.token.serialNumber, await assignAndActivate(p, id, clockSettings, ctx));
      },
      deps.signal,
    );
    return await finish(summaryBase, plan, created, activated, deps, {
      write: true,
      ctx,
    });
  } finally {
    journal.close();
  }
}

type SummaryBase = {
  input: ProvisionInput;
  options: ProvisionRunOptions;
  paths: ProvisionPaths;
  started: number;
  clock: Summary["clock"];
};

async function finish(
  base: SummaryBase,
  plan: Plan,
  created: ReadonlyMap<string, CreateResult>,
  activated: ReadonlyMap<string, ActivateResult>,
  deps: ProvisionDeps,
  how: { write: false } | { write: true; ctx: RunContext },
): Promise<Summary> {
  const { input, options, paths } = base;
  const outcomes: TokenOutcome[] = [];
  const failedRows: Array<{ serialNumber: string | null; cells?: readonly string[] | undefined }> =
    [];
  for (const r of input.rejectedRows) {
    outcomes.push({
      line: r.line,
      serialNumber: r.serialNumber ?? "",
      upn: r.upn,
      deviceId: null,
      state: "failed",
      status: null,
      stage: "validate",
      errorCode: r.code,
      message: r.message,
      requestId: null,
    });
    failedRows.push(r);
  }
  for (const r of plan.rejected) {
    outcomes.push({
      ...blank(r.token),
      state: "failed",
      stage: "preflight",
      errorCode: r.code,
      message: r.message,
    });
    failedRows.push({ serialNumber: r.token.serialNumber, cells: r.token.cells });
  }
  for (const s of plan.skipped) {
    outcomes.push({
      ...blank(s.token),
      deviceId: s.device?.id ?? null,
      state: "skipped",
      status: s.device?.status ?? null,
      message: s.reason,
    });
  }

  let readBackDevices = new Map<string, Device | null>();
  const interrupted = deps.signal.aborted;
  if (how.write) {
    const ids = new Map<string, string>();
    for (const p of [...plan.work, ...plan.done]) {
      const id = p.create ? deviceOf(created.get(p.token.serialNumber)) : (p.device?.id ?? null);
      if (id !== null) ids.set(p.token.serialNumber, id);
    }
    deps.emit({ type: "phase", phase: "verify", total: ids.size });
    readBackDevices = await readBack(ids, how.ctx);
    for (const [serial, device] of readBackDevices) {
      if (device?.status === "activated")
        how.ctx.journal.record(serial, { phase: "verified", deviceId: device.id });
    }
  }

  for (const p of [...plan.work, ...plan.done]) {
    const serial = p.token.serialNumber;
    const outcome = tokenOutcome(
      p,
      created.get(serial),
      activated.get(serial),
      readBackDevices.get(serial) ?? null,
      {
        command: options.command,
        mode: options.mode,
        written: how.write,
        interrupted,
      },
    );
    outcomes.push(outcome);
    if (outcome.state === "failed") failedRows.push({ serialNumber: serial, cells: p.token.cells });
  }
  outcomes.sort((a, b) => a.line - b.line);

  let reportPath: string | null = null;
  let failuresPath: string | null = null;
  if (how.write) {
    deps.emit({ type: "phase", phase: "report", total: outcomes.length });
    writePrivateFile(paths.report, renderReport(outcomes, paths.report));
    reportPath = paths.report;
    if (failedRows.length > 0) {
      writePrivateFile(paths.failures, renderFailures(input.layout, failedRows));
      failuresPath = paths.failures;
    }
  }
  for (const o of outcomes)
    if (o.state !== "failed" || o.stage !== "validate")
      deps.emit({ type: "finished", serialNumber: o.serialNumber, state: o.state });
  for (const t of input.tokens) t.seed.wipe();

  const count = (state: TokenOutcome["state"]): number =>
    outcomes.filter((o) => o.state === state).length;
  const summary: Summary = {
    command: options.command,
    mode: options.mode,
    file: input.file,
    counts: {
      rows: input.rows,
      rejected: input.rejectedRows.length + plan.rejected.length,
      created: [...created.values()].filter((r) => r.ok).length,
      activated: count("activated"),
      assigned: count("assigned"),
      available: count("available"),
      skipped: count("skipped"),
      failed: outcomes.filter(
        (o) => o.state === "failed" && o.stage !== "validate" && o.stage !== "preflight",
      ).length,
    },
    clock: base.clock,
    elapsedMs: deps.now() - base.started,
    reportPath,
    failuresPath,
    journalPath: how.write ? paths.journal : null,
    interrupted,
  };
  deps.emit({ type: "summary", summary });
  return summary;
}
