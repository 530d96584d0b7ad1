import { GraphFailure } from "../graph/graph-failure.js";
import { decide } from "../graph/retry-policy.js";
import type { Device, FailureKind, OathDirectory } from "../graph/port.js";
import type { Journal } from "../provision/journal.js";
import { forEachConcurrently } from "../provision/pool.js";
import type { EmitRemove, RemoveMode, RemoveStage, RemoveState } from "./remove-events.js";
import type { RemovalTarget } from "./remove-plan.js";

export type RemoveDeps = {
  directory: Pick<OathDirectory, "unassign" | "deleteDevice">;
  journal: Pick<Journal, "record" | "get">;
  emit: EmitRemove;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Aborted by Ctrl-C: no new token starts; the ones in flight finish. */
  signal: AbortSignal;
};

/** One row of the remove report: never a seed (a removal never sees one). */
export type RemoveOutcome = {
  serialNumber: string;
  state: RemoveState;
  deviceId: string | null;
  userId: string | null;
  upn: string | null;
  stage: RemoveStage | null;
  /** How the failure was classified (port.ts FailureKind). */
  errorKind: FailureKind | null;
  errorCode: string | null;
  message: string | null;
  requestId: string | null;
};

/**
Unassigns (DELETE the user's hardwareOathMethod, whose id is the device id) and then deletes each
token, `concurrency` tokens at a time. Both writes are idempotent, so a write whose answer was
lost is simply sent again, and "not found" counts as done: a rerun after any interruption
finishes the job without a second removal. The journal records each write before it is sent and
after it is confirmed. An auth failure stops the run (every further write would fail the same way).
*/
export async function removeTokens(
  targets: readonly RemovalTarget[],
  options: { mode: RemoveMode; concurrency: number; upnOf: (userId: string) => string | null },
  deps: RemoveDeps,
): Promise<RemoveOutcome[]> {
  const outcomes = new Map<string, RemoveOutcome>();
  const stop = new AbortController();
  const signal = AbortSignal.any([deps.signal, stop.signal]);
  const work = targets.filter((t) => t.device !== null);
  await forEachConcurrently(
    work,
    options.concurrency,
    async (target) => {
      const outcome = await removeOne(target, target.device as Device, options, deps, () =>
        stop.abort(),
      );
      outcomes.set(target.serialNumber, outcome);
    },
    signal,
  );
  return targets.map(
    (t) =>
      outcomes.get(t.serialNumber) ?? {
        ...blank(t.serialNumber, t.device, options.upnOf),
        state: t.device === null ? goneState(t.serialNumber, deps.journal) : "not-attempted",
      },
  );
}

/** A serial missing from the tenant: deleted by an earlier run of this job, or never there. */
function goneState(serial: string, journal: RemoveDeps["journal"]): RemoveState {
  const phase = journal.get(serial)?.phase;
  return phase === "delete-sent" || phase === "deleted" ? "deleted" : "already-gone";
}

async function removeOne(
  target: RemovalTarget,
  device: Device,
  options: { mode: RemoveMode; upnOf: (userId: string) => string | null },
  deps: RemoveDeps,
  onAuthFailure: () => void,
): Promise<RemoveOutcome> {
  const serial = target.serialNumber;
  const base = blank(serial, device, options.upnOf);
  const holder = device.assignedTo;
  try {
    if (holder !== null) {
      deps.journal.record(serial, {
        phase: "unassign-sent",
        deviceId: device.id,
        userId: holder.id,
      });
      await idempotentWrite(
        serial,
        "unassign",
        () => deps.directory.unassign(holder.id, device.id),
        deps,
      );
      deps.journal.record(serial, { phase: "unassigned", deviceId: device.id });
      deps.emit({
        type: "token",
        serialNumber: serial,
        step: "unassigned",
        deviceId: device.id,
        upn: base.upn,
      });
    }
    if (options.mode === "unassign-only") {
      const before = deps.journal.get(serial)?.phase;
      const ours = holder !== null || before === "unassign-sent" || before === "unassigned";
      return { ...base, state: ours ? "unassigned" : "already-unassigned" };
    }
    deps.journal.record(serial, { phase: "delete-sent", deviceId: device.id });
    await idempotentWrite(serial, "delete", () => deps.directory.deleteDevice(device.id), deps);
    deps.journal.record(serial, { phase: "deleted", deviceId: device.id });
    deps.emit({
      type: "token",
      serialNumber: serial,
      step: "deleted",
      deviceId: device.id,
      upn: base.upn,
    });
    return { ...base, state: "deleted" };
  } catch (error) {
    if (!(error instanceof StageFailure)) throw error;
    const { stage, failure } = error;
    if (failure.kind === "auth") onAuthFailure();
    const code = failure.code ?? failure.kind;
    deps.journal.record(serial, {
      phase: "failed",
      deviceId: device.id,
      code,
      requestId: failure.requestId ?? undefined,
    });
    deps.emit({
      type: "token-failed",
      serialNumber: serial,
      stage,
      code,
      message: failure.message,
      requestId: failure.requestId,
    });
    return {
      ...base,
      state: "failed",
      stage,
      errorKind: failure.kind,
      errorCode: code,
      message: failure.message,
      requestId: failure.requestId,
    };
  }
}

/** A write that failed for good, with the stage it failed at. */
class StageFailure extends Error {
  readonly stage: RemoveStage;
  readonly failure: GraphFailure;

  constructor(stage: RemoveStage, failure: GraphFailure) {
    super(failure.message);
    this.stage = stage;
    this.failure = failure;
  }
}

/**
Sends an idempotent DELETE until it is confirmed; "not found" means already done. Throttled and
unclear answers are retried under the adapter's read policy (`decide`: up to 5 attempts,
Retry-After honoured, else full-jitter backoff): sending a DELETE again is always safe.
*/
async function idempotentWrite(
  serial: string,
  stage: RemoveStage,
  write: () => Promise<void>,
  deps: RemoveDeps,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      if (error.kind === "not-found") return;
      // The adapter already retried a 401 with a fresh token; the rest is the shared policy.
      const decision = decide(error, { attempt, tokenRefreshed: true }, deps.random);
      if (!decision.retry) throw new StageFailure(stage, error);
      const delayMs = decision.delayMs;
      deps.emit(
        error.kind === "throttled"
          ? { type: "throttled", retryAfterMs: delayMs, stage }
          : { type: "retry", serialNumber: serial, stage, attempt, delayMs },
      );
      await deps.sleep(delayMs);
    }
  }
}

function blank(
  serialNumber: string,
  device: Device | null,
  upnOf: (userId: string) => string | null,
): Omit<RemoveOutcome, "state"> {
  const userId = device?.assignedTo?.id ?? null;
  return {
    serialNumber,
    deviceId: device?.id ?? null,
    userId,
    upn: userId === null ? null : upnOf(userId),
    stage: null,
    errorKind: null,
    errorCode: null,
    message: null,
    requestId: null,
  };
}
