import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { ProvisionDeps } from "./context.js";
import type { Device } from "../graph/port.js";
import type { ActivateResult } from "./activate-device.js";
import type { CreateResult } from "./create-devices.js";
import { renderFailures } from "./failures-file.js";
import { blank, deviceOf, tokenOutcome } from "./outcome.js";
import type { Plan } from "./plan.js";
import { writePrivateFile } from "../files/private-file.js";
import { renderReport } from "./report-files.js";
import type { ProvisionInput, ProvisionPaths } from "./run-provision.js";
import type { RunContext } from "./run-context.js";
import type { ImportMode, Summary, TokenOutcome } from "./types.js";
import { readBack } from "./verify.js";

export type RunRecord = {
  input: ProvisionInput;
  command: "import" | "activate";
  mode: ImportMode;
  paths: ProvisionPaths;
  started: number;
  clock: Summary["clock"];
};

type Written =
  | { written: false }
  | {
      written: true;
      ctx: RunContext;
      created: ReadonlyMap<string, CreateResult>;
      activated: ReadonlyMap<string, ActivateResult>;
    };

type RetryRow = { serialNumber: string | null; cells?: readonly string[] | undefined };

/**
The end of a run (product.md §3 steps 6–7): read every touched token back, decide each outcome
from what the tenant holds, write the report and the failures file (mode 0600), emit the
outcomes and the summary, and zero the seeds.
*/
export async function finishRun(
  run: RunRecord,
  plan: Plan,
  deps: ProvisionDeps,
  how: Written,
): Promise<Summary> {
  const { input, paths } = run;
  const outcomes: TokenOutcome[] = [];
  const retry: RetryRow[] = [];
  for (const r of input.rejectedRows) {
    const serialNumber = r.serialNumber ?? "";
    outcomes.push({
      line: r.line,
      serialNumber,
      upn: r.upn,
      deviceId: null,
      state: "failed",
      status: null,
      stage: "validate",
      errorCode: r.code,
      message: r.message,
      requestId: null,
    });
    retry.push(r);
  }
  for (const r of plan.rejected) {
    outcomes.push({ ...blank(r.token), stage: "preflight", errorCode: r.code, message: r.message });
    retry.push({ serialNumber: r.token.serialNumber, cells: r.token.cells });
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

  const devices = how.written ? await verify(plan, how, deps) : new Map<string, Device | null>();
  const interrupted = deps.signal.aborted;
  for (const p of [...plan.work, ...plan.done]) {
    const serial = p.token.serialNumber;
    const outcome = tokenOutcome(
      p,
      how.written ? how.created.get(serial) : undefined,
      how.written ? how.activated.get(serial) : undefined,
      devices.get(serial) ?? null,
      { command: run.command, mode: run.mode, written: how.written, interrupted },
    );
    outcomes.push(outcome);
    if (outcome.state === "failed") retry.push({ serialNumber: serial, cells: p.token.cells });
  }
  outcomes.sort((a, b) => a.line - b.line);

  let reportPath: string | null = null;
  let failuresPath: string | null = null;
  if (how.written) {
    deps.emit({ type: "phase", phase: "report", total: outcomes.length });
    await mkdir(dirname(paths.report), { recursive: true, mode: 0o700 });
    await writePrivateFile(paths.report, renderReport(outcomes, paths.report), { replace: true });
    reportPath = paths.report;
    if (retry.length > 0) {
      await writePrivateFile(paths.failures, renderFailures(input.layout, retry), {
        replace: true,
      });
      failuresPath = paths.failures;
    }
  }
  emitOutcomes(outcomes, deps);
  for (const t of input.tokens) t.seed.wipe();

  const count = (state: TokenOutcome["state"]): number =>
    outcomes.filter((o) => o.state === state).length;
  const created = how.written ? [...how.created.values()].filter((r) => r.ok).length : 0;
  const summary: Summary = {
    command: run.command,
    mode: run.mode,
    file: input.file,
    counts: {
      rows: input.rows,
      rejected: input.rejectedRows.length + plan.rejected.length,
      created,
      activated: count("activated"),
      assigned: count("assigned"),
      available: count("available"),
      skipped: count("skipped"),
      failed: outcomes.filter(
        (o) => o.state === "failed" && o.stage !== "validate" && o.stage !== "preflight",
      ).length,
    },
    clock: run.clock,
    elapsedMs: deps.now() - run.started,
    reportPath,
    failuresPath,
    journalPath: how.written ? paths.journal : null,
    interrupted,
  };
  deps.emit({ type: "summary", summary });
  return summary;
}

async function verify(
  plan: Plan,
  how: Extract<Written, { written: true }>,
  deps: ProvisionDeps,
): Promise<Map<string, Device | null>> {
  const ids = new Map<string, string>();
  for (const p of [...plan.work, ...plan.done]) {
    const id = p.create ? deviceOf(how.created.get(p.token.serialNumber)) : (p.device?.id ?? null);
    if (id !== null) ids.set(p.token.serialNumber, id);
  }
  deps.emit({ type: "phase", phase: "verify", total: ids.size });
  const devices = await readBack(ids, how.ctx);
  for (const [serial, device] of devices) {
    if (device?.status === "activated")
      how.ctx.journal.record(serial, { phase: "verified", deviceId: device.id });
  }
  return devices;
}

function emitOutcomes(outcomes: readonly TokenOutcome[], deps: ProvisionDeps): void {
  for (const o of outcomes) {
    if (o.stage === "validate") continue;
    // Create and activate failures were announced when they happened; verify's are known only now.
    if (o.state === "failed" && o.stage === "verify") {
      const { serialNumber, upn, requestId } = o;
      deps.emit({
        type: "token-failed",
        serialNumber,
        upn,
        stage: o.stage,
        code: o.errorCode ?? "failed",
        message: o.message ?? "",
        requestId,
      });
    }
    deps.emit({ type: "finished", serialNumber: o.serialNumber, state: o.state });
  }
}
