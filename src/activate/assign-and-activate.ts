import type { Device } from "../graph/port.js";
import { asFailure, authError } from "../job/fatal-error.js";
import {
  backoffMs,
  emitThrottle,
  tokenFailed,
  type Failure,
  type RunContext,
} from "../job/run-context.js";
import type { WriteTicket } from "../job/write-pacer.js";
import type { ActivationTarget, CodeSource } from "./codes.js";

/**
`stopped`: the run was stopped (Ctrl-C) before this token's request was sent. `driftSeconds`: the
device's clock drift, when its code was read off it (the device check).
*/
export type ActivateResult = (
  | { ok: true }
  | { ok: false; failure: Failure }
  | { ok: "stopped" }
  /** Left alone on purpose (skipped at the device check): not attempted, not failed. */
  | { ok: "left"; reason: string }
) & { driftSeconds?: number };

const maxUnclearAttempts = 4;
// A 429 is refused before processing, so waiting it out is always safe; only a tenant that throttles
// for this many rounds in a row gives up (the rerun resumes).
const maxThrottledAttempts = 1_000;

/**
Assigns and/or activates one created token (docs/provisioning.md). The code is computed
immediately before sending, from skew-corrected time, with the token's own interval and hash,
never inside the last seconds of a step. After an unclear result the status is read first; only if
the token is not activated is it retried, with the NEXT step's code — a code is never sent twice.
A throttled request was refused before processing, so its code was never consumed; it is
recomputed after the wait.
*/
export async function assignAndActivate(
  p: ActivationTarget,
  deviceId: string,
  codes: CodeSource,
  ctx: RunContext,
): Promise<ActivateResult> {
  // The last drift measured for this token goes into its report row, whatever the outcome.
  let driftSeconds: number | undefined;
  const measured: CodeSource = async (token, spentStep, slots) => {
    const next = await codes(token, spentStep, slots);
    if ("driftSeconds" in next) driftSeconds = next.driftSeconds;
    return next;
  };
  const result = await sendActivation(p, deviceId, measured, ctx);
  return driftSeconds === undefined ? result : { ...result, driftSeconds };
}

async function sendActivation(
  p: ActivationTarget,
  deviceId: string,
  codes: CodeSource,
  ctx: RunContext,
): Promise<ActivateResult> {
  const { directory } = ctx.deps;
  const serial = p.token.serialNumber;
  const user = p.user;
  if (user === null)
    return {
      ok: false,
      failure: { code: "upn-missing", message: "no user to assign to", requestId: null },
    };
  let assigned = !p.assign;
  let spentStep: number | null = null;
  let code = "";
  /** The code was read off the device (a drift was measured), not computed from the seed. */
  let fromDevice = false;

  for (let attempt = 0, unclear = 0; attempt < maxThrottledAttempts; attempt += 1) {
    let ticket: WriteTicket | null;
    if (!p.activate) {
      ticket = await ctx.pacer.ready();
      if (ticket === null || ctx.deps.signal.aborted) return { ok: "stopped" };
      ctx.journal.record(serial, { phase: "assign-sent", deviceId, userId: user.id });
    } else {
      // The source takes the write slot itself, just before it computes the code (codes.ts).
      const next: Awaited<ReturnType<CodeSource>> | null = (await ctx.pacer.activationTurn())
        ? await codes(p, spentStep, ctx.pacer)
        : null;
      // A stopped run's waits end early: a code computed now could be too near a step's end.
      if (next === null || ctx.deps.signal.aborted) return { ok: "stopped" };
      if ("leave" in next) return { ok: "left", reason: next.leave };
      if ("refused" in next) return fail(ctx, p, "device-check-failed", next.refused, null);
      ticket = next.ticket;
      code = next.code;
      spentStep = next.step;
      fromDevice = next.driftSeconds !== undefined;
      ctx.journal.record(serial, { phase: "activate-sent", deviceId, userId: user.id });
    }
    try {
      if (!p.activate) {
        await directory.assign(user.id, deviceId);
        ctx.journal.record(serial, { phase: "assigned", deviceId, userId: user.id });
        emitStep(ctx, p, "assigned", deviceId);
      } else {
        const name = p.token.displayName ?? undefined;
        if (assigned) await directory.activate(user.id, deviceId, code, name);
        else await directory.assignAndActivate(user.id, deviceId, code, name);
        ctx.journal.record(serial, { phase: "activated", deviceId, userId: user.id });
        emitStep(ctx, p, "activated", deviceId);
      }
      ctx.pacer.succeeded();
      return { ok: true };
    } catch (error) {
      const failure = asFailure(error);
      if (failure.kind === "auth") throw authError(failure);
      if (failure.kind === "throttled") {
        emitThrottle(
          ctx,
          ctx.pacer.throttled(failure.retryAfterMs, ticket),
          p.activate ? "activate" : "assign",
        );
        if (spentStep !== null) spentStep -= 1;
        continue;
      }
      const device = await directory.getDevice(deviceId);
      const held = device?.assignedTo?.id === user.id;
      if (held && (device?.status === "activated" || !p.activate)) {
        ctx.journal.record(serial, {
          phase: p.activate ? "activated" : "assigned",
          deviceId,
          userId: user.id,
        });
        emitStep(ctx, p, p.activate ? "activated" : "assigned", deviceId);
        return { ok: true };
      }
      assigned = held;
      if (failure.kind === "unclear" && unclear + 1 < maxUnclearAttempts && device !== null) {
        unclear += 1;
        const delayMs = backoffMs(unclear, ctx.deps.random);
        ctx.deps.emit({
          type: "retry",
          serialNumber: serial,
          stage: p.activate ? "activate" : "assign",
          attempt: unclear,
          delayMs,
          reason: failure.message,
        });
        await ctx.deps.sleep(delayMs);
        continue;
      }
      const reason = failureCode(failure.code, failure.status, device);
      return fail(ctx, p, reason, failure.message, failure.requestId, fromDevice);
    }
  }
  if (ctx.deps.signal.aborted) return { ok: "stopped" };
  return fail(
    ctx,
    p,
    "gave-up",
    "no clear answer from Microsoft Graph after several attempts; run the same command again to resume",
    null,
  );
}

function failureCode(code: string | null, status: number | null, device: Device | null): string {
  if (device?.status === "failedActivation") return "code-rejected";
  if (device === null) return "device-missing";
  return code ?? `http-${status ?? "error"}`;
}

function fail(
  ctx: RunContext,
  p: ActivationTarget,
  code: string,
  message: string,
  requestId: string | null,
  fromDevice = false,
): ActivateResult {
  const text =
    code !== "code-rejected"
      ? message
      : fromDevice
        ? `the tenant refused the code read off the device, which matched this seed here (the tenant's clock may differ from the device's; check the drift and type the code the device shows next): ${message}`
        : `the tenant rejected the code computed from this seed (wrong seed, interval or hash for this serial?): ${message}`;
  const stage = p.activate ? "activate" : "assign";
  return { ok: false, failure: tokenFailed(ctx, p, stage, { code, message: text, requestId }) };
}

function emitStep(
  ctx: RunContext,
  p: ActivationTarget,
  step: "assigned" | "activated",
  deviceId: string,
): void {
  ctx.deps.emit({
    type: "token",
    serialNumber: p.token.serialNumber,
    upn: p.token.upn,
    step,
    deviceId,
  });
}
