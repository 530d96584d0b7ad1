import type { ProvisionEvent } from "../events/provision-events.js";
import type { RunDeps } from "../job/run-deps.js";
import type { Device } from "../graph/port.js";
import type { AuditBase, ReportHeader } from "../files/report-header.js";
import { utc } from "../files/report-header.js";
import type { ActivateResult } from "../activate/assign-and-activate.js";
import type { CreateResult } from "./create-tokens.js";
import { createdId } from "./outcome.js";
import type { Plan } from "./plan.js";
import { writeRunFiles, type RunFilePaths, type RunFilesWritten } from "./run-files.js";
import { countOutcomes, runOutcomes } from "./run-outcomes.js";
import type { ProvisionInput } from "./run-provision.js";
import type { RunContext } from "../job/run-context.js";
import type { ImportMode, Summary, TokenOutcome } from "../events/run-summary.js";
import { readBack } from "./verify.js";

export type RunRecord = {
  input: ProvisionInput;
  command: "import" | "activate";
  mode: ImportMode;
  paths: RunFilePaths;
  started: number;
  clock: Summary["clock"];
  audit: AuditBase;
  resumable: boolean;
};

type Written =
  | { written: false }
  | {
      written: true;
      ctx: RunContext;
      created: ReadonlyMap<string, CreateResult>;
      activated: ReadonlyMap<string, ActivateResult>;
    };

/**
The end of a run (docs/provisioning.md): read every token this run worked on back, decide each
row's final state from what the tenant holds, count once, write the report and the failures file
(mode 0600), emit the outcomes and the summary, and zero the seeds.
*/
export async function finishRun(
  run: RunRecord,
  plan: Plan,
  deps: RunDeps<ProvisionEvent>,
  how: Written,
): Promise<Summary> {
  const { input, paths } = run;
  const devices = how.written ? await verify(plan, how, deps) : new Map<string, Device | null>();
  const interrupted = deps.signal.aborted;
  const { outcomes, retry } = runOutcomes(input, plan, run, {
    written: how.written,
    interrupted,
    created: how.written ? how.created : new Map(),
    activated: how.written ? how.activated : new Map(),
    devices,
  });
  const counts = countOutcomes(input.rows, outcomes, how.written ? how.created : new Map());

  let files: RunFilesWritten = {
    reportPath: null,
    failuresPath: null,
    failuresRemoved: null,
    problems: [],
  };
  if (how.written) {
    deps.emit({ type: "phase", phase: "report", total: outcomes.length });
    const header: ReportHeader = {
      ...run.audit,
      command: run.command,
      mode: run.mode,
      finishedAt: utc(deps.now()),
      counts,
    };
    files = await writeRunFiles(paths, input.layout, outcomes, retry, header);
    for (const message of files.problems)
      deps.emit({ type: "warning", code: "file-not-written", message });
  }
  emitOutcomes(outcomes, deps);
  for (const t of input.tokens) t.seed.wipe();

  const summary: Summary = {
    command: run.command,
    mode: run.mode,
    file: input.file,
    counts,
    clock: run.clock,
    elapsedMs: deps.now() - run.started,
    reportPath: files.reportPath,
    failuresPath: files.failuresPath,
    failuresHoldSeeds: files.failuresPath !== null && input.layout.format !== "pskc",
    failuresRemoved: files.failuresRemoved,
    journalPath: how.written ? paths.journal : null,
    problems: files.problems,
    interrupted,
    resumable: run.resumable,
  };
  deps.emit({ type: "summary", summary });
  return summary;
}

/** Reads back the tokens this run worked on; the activated ones are journaled as verified. */
async function verify(
  plan: Plan,
  how: Extract<Written, { written: true }>,
  deps: RunDeps<ProvisionEvent>,
): Promise<Map<string, Device | null>> {
  const ids = new Map<string, string>();
  for (const p of plan.work) {
    const id = p.create ? createdId(how.created.get(p.token.serialNumber)) : (p.device?.id ?? null);
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

function emitOutcomes(outcomes: readonly TokenOutcome[], deps: RunDeps<ProvisionEvent>): void {
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
    deps.emit({ type: "finished", serialNumber: o.serialNumber, upn: o.upn, state: o.state });
  }
}
