import type { GraphFailure } from "../graph/graph-failure.js";
import type { Device, OathDirectory } from "../graph/port.js";
import type { Journal } from "../job/journal.js";
import type { TenantRef } from "../job/learned-rate.js";
import { forEachConcurrently } from "../pool.js";
import type { RunDeps } from "../job/run-deps.js";
import { WritePacer } from "../job/write-pacer.js";
import {
  idempotentWrite,
  StageFailure,
  stopWhenAborted,
  StoppedWhileThrottled,
} from "./remove-write.js";
import type {
  RemoveEvent,
  RemoveMode,
  RemoveOutcome,
  RemoveState,
} from "../events/remove-events.js";
import type { RemovalTarget } from "./remove-plan.js";

/** A job's deps (job/run-deps.ts), with the two writes removal sends (and the write-limit use their
answers report, for the pacer) and the journal it keeps. */
export type RemoveDeps = Omit<RunDeps<RemoveEvent>, "directory"> & {
  directory: Pick<OathDirectory, "unassign" | "deleteDevice"> &
    Partial<Pick<OathDirectory, "writeLoad">>;
  journal: Pick<Journal, "record" | "get">;
};

/**
Unassigns (DELETE the user's hardwareOathMethod, whose id is the device id) and then deletes each
token, `concurrency` tokens at a time. Both writes are idempotent, so a write whose answer was
lost is simply sent again, and "not found" counts as done: a rerun after any interruption
finishes the job without a second removal. Throttling is handled as import handles it (one
WritePacer): a 429 pauses every worker for its Retry-After (full-jitter backoff without one) and
the write is sent again. The journal records each write before it is sent and after it is
confirmed. An auth failure stops the run (every further write would fail the same way).
*/
export async function removeTokens(
  targets: readonly RemovalTarget[],
  options: {
    mode: RemoveMode;
    concurrency: number;
    upnOf: (userId: string) => string | null;
    /** Told of the first sign-in or permission failure, which stops the run. */
    onAuthFailure?: (failure: GraphFailure) => void;
    /** The tenant written to: its learned write rate is recalled and kept (deps.rates). */
    tenant?: TenantRef;
  },
  deps: RemoveDeps,
): Promise<RemoveOutcome[]> {
  const outcomes = new Map<string, RemoveOutcome>();
  const stop = new AbortController();
  const signal = AbortSignal.any([deps.signal, stop.signal]);
  const tenant = options.tenant;
  const pacer = new WritePacer(
    { ...deps, sleep: stopWhenAborted(deps) },
    { learnedRate: tenant === undefined ? null : (deps.rates?.recall(tenant) ?? null) },
  );
  const work = targets.filter((t) => t.device !== null);
  await forEachConcurrently(
    work,
    options.concurrency,
    async (target) => {
      const outcome = await removeOne(
        target,
        target.device as Device,
        options,
        deps,
        pacer,
        (f) => {
          if (!stop.signal.aborted) options.onAuthFailure?.(f);
          stop.abort();
        },
      );
      outcomes.set(target.serialNumber, outcome);
    },
    signal,
  );
  const learned = pacer.learnedRate;
  if (tenant !== undefined && learned !== null)
    await deps.rates?.remember(tenant, learned, deps.now());
  return targets.map(
    (t) =>
      outcomes.get(t.serialNumber) ?? {
        ...blank(t.serialNumber, t.device, options.upnOf),
        state:
          t.device === null ? goneState(t.serialNumber, t.action, deps.journal) : "not-attempted",
      },
  );
}

/**
A serial missing from the tenant: deleted by an earlier run of this job, gone since this job saw
it, or never there (the plan said `not-found`: a mistyped serial is not "done").
*/
function goneState(
  serial: string,
  action: RemovalTarget["action"],
  journal: RemoveDeps["journal"],
): RemoveState {
  if (action === "not-found") return "not-found";
  const phase = journal.get(serial)?.phase;
  return phase === "delete-sent" || phase === "deleted" ? "deleted" : "already-gone";
}

async function removeOne(
  target: RemovalTarget,
  device: Device,
  options: { mode: RemoveMode; upnOf: (userId: string) => string | null },
  deps: RemoveDeps,
  pacer: WritePacer,
  onAuthFailure: (failure: GraphFailure) => void,
): Promise<RemoveOutcome> {
  const serial = target.serialNumber;
  const base = blank(serial, device, options.upnOf);
  const holder = device.assignedTo;
  let unassigned = false;
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
        pacer,
      );
      deps.journal.record(serial, { phase: "unassigned", deviceId: device.id });
      unassigned = true;
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
    const remove = () => deps.directory.deleteDevice(device.id);
    await idempotentWrite(serial, "delete", remove, deps, pacer);
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
    // Stopped by Ctrl-C while a write waited out throttling: that write was not applied. A token
    // this run already took from its holder says so: its user no longer has it.
    if (error instanceof StoppedWhileThrottled && unassigned)
      return { ...base, state: "unassigned", stage: "delete", message: stoppedBeforeDelete };
    if (error instanceof StoppedWhileThrottled)
      return { ...base, state: "not-attempted", message: "stopped while waiting out throttling" };
    if (!(error instanceof StageFailure)) throw error;
    const { stage, failure } = error;
    if (failure.kind === "auth") onAuthFailure(failure);
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

const stoppedBeforeDelete =
  "unassigned; stopped before the delete (throttled): run the same command again to delete it";

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
