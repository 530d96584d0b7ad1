import { deviceToCreate } from "../present/graph-json.js";
import { AuthError } from "../errors.js";
import type { Device } from "../graph/port.js";
import { asFailure, authError } from "../job/fatal-error.js";
import { chunk, forEachConcurrently } from "../pool.js";
import {
  backoffMs,
  emitThrottle,
  tokenFailed,
  type Failure,
  type RunContext,
} from "../job/run-context.js";
import type { PlannedToken } from "./plan.js";

/** A token the run stopped before creating has no result at all (not attempted). */
export type CreateResult = { ok: true; device: Device } | { ok: false; failure: Failure };

const maxUnclearAttempts = 5;
// A 429 is refused before processing, so waiting it out is always safe; only a tenant that throttles
// for this many rounds in a row gives up (the rerun resumes).
const maxThrottledAttempts = 1_000;

/**
Creates the planned tokens (docs/provisioning.md): bulk `$delta` PATCHes of `chunkSize`, falling
back to single POSTs to isolate a row a bulk request rejects. After any unclear result (timeout,
reset, lost response, 5xx) the serials are looked up before anything is sent again, so a serial is
created at most once whatever fails.
*/
export async function createTokens(
  items: readonly PlannedToken[],
  ctx: RunContext,
): Promise<Map<string, CreateResult>> {
  const results = new Map<string, CreateResult>();
  const chunks = chunk(items, Math.max(1, ctx.options.chunkSize));
  await forEachConcurrently(
    chunks,
    ctx.options.concurrency,
    async (group) => {
      const done =
        group.length === 1 ? await createOne(group[0]!, ctx) : await createChunk(group, ctx);
      for (const [serial, result] of done) results.set(serial, result);
    },
    ctx.deps.signal,
  );
  return results;
}

async function createChunk(
  group: readonly PlannedToken[],
  ctx: RunContext,
): Promise<Map<string, CreateResult>> {
  const results = new Map<string, CreateResult>();
  let pending = [...group];
  let unclear = 0;
  for (let attempt = 0; pending.length > 0 && attempt < maxThrottledAttempts; attempt += 1) {
    // A bulk create is charged to the tenant's write quota per token.
    const ticket = await ctx.pacer.ready(pending.length);
    // Stopped (Ctrl-C): nothing more is sent; what is still pending was not attempted.
    if (ticket === null || ctx.deps.signal.aborted) break;
    for (const p of pending) ctx.journal.record(p.token.serialNumber, { phase: "create-sent" });
    const retry: PlannedToken[] = [];
    const singles: PlannedToken[] = [];
    // Not confirmed after an unclear answer (whole request or per item) and not found by serial:
    // the same bounded, backed-off retry either way, then one POST each (issue #15 item 2).
    let unconfirmed: PlannedToken[] = [];
    try {
      const items = await ctx.deps.directory.createDevices(
        pending.map((p) => deviceToCreate(p.token)),
      );
      ctx.pacer.succeeded();
      const bySerial = new Map(items.map((i) => [i.serialNumber, i]));
      let throttled = false;
      for (const p of pending) {
        const item = bySerial.get(p.token.serialNumber);
        if (item?.ok === true && item.device !== null)
          results.set(p.token.serialNumber, created(p, item.device, ctx));
        else if (item?.ok === false && item.failure.kind === "auth") throw authError(item.failure);
        else if (
          item?.ok === false &&
          (item.failure.kind === "rejected" || item.failure.kind === "conflict")
        )
          singles.push(p);
        else if (item?.ok === false && item.failure.kind === "throttled") {
          // Refused before processing: wait as asked (once per response), then resend.
          if (!throttled) emitThrottle(ctx, ctx.pacer.throttled(item.failure.retryAfterMs, ticket));
          throttled = true;
          retry.push(p);
        } else unconfirmed.push(...(await reconcile([p], results, ctx)));
      }
    } catch (error) {
      if (error instanceof AuthError) throw error;
      const failure = asFailure(error);
      if (failure.kind === "throttled") {
        emitThrottle(ctx, ctx.pacer.throttled(failure.retryAfterMs, ticket));
        retry.push(...pending);
      } else if (failure.kind === "unclear") {
        unconfirmed = await reconcile(pending, results, ctx);
      } else if (failure.kind === "auth") {
        // Sign-in, permission or a refused redirect: the same seeds are not sent again one by one.
        throw authError(failure);
      } else {
        singles.push(...pending);
      }
    }
    if (unconfirmed.length > 0) {
      unclear += 1;
      if (unclear >= maxUnclearAttempts) singles.push(...unconfirmed);
      else {
        retry.push(...unconfirmed);
        await ctx.deps.sleep(backoffMs(unclear, ctx.deps.random));
      }
    }
    for (const p of singles) for (const [s, r] of await createOne(p, ctx)) results.set(s, r);
    pending = retry;
  }
  for (const p of ctx.deps.signal.aborted ? [] : pending) {
    results.set(p.token.serialNumber, {
      ok: false,
      failure: tokenFailed(ctx, p, "create", gaveUp()),
    });
  }
  return results;
}

async function createOne(p: PlannedToken, ctx: RunContext): Promise<Map<string, CreateResult>> {
  const serial = p.token.serialNumber;
  const result = new Map<string, CreateResult>();
  let sentBefore = ctx.journal.get(serial)?.phase === "create-sent";
  for (let attempt = 0, unclear = 0; attempt < maxThrottledAttempts; attempt += 1) {
    const ticket = await ctx.pacer.ready();
    if (ticket === null || ctx.deps.signal.aborted) return result; // stopped: not attempted
    ctx.journal.record(serial, { phase: "create-sent" });
    try {
      const device = await ctx.deps.directory.createDevice(deviceToCreate(p.token));
      ctx.pacer.succeeded();
      result.set(serial, created(p, device, ctx));
      return result;
    } catch (error) {
      const failure = asFailure(error);
      if (failure.kind === "throttled") {
        emitThrottle(ctx, ctx.pacer.throttled(failure.retryAfterMs, ticket));
        continue;
      }
      if (failure.kind === "unclear" || (failure.kind === "conflict" && sentBefore)) {
        const left = await reconcile([p], result, ctx);
        if (left.length === 0) return result;
        unclear += 1;
        if (unclear >= maxUnclearAttempts) break;
        ctx.deps.emit({
          type: "retry",
          serialNumber: serial,
          stage: "create",
          attempt: unclear,
          delayMs: 0,
          reason: failure.message,
        });
        await ctx.deps.sleep(backoffMs(unclear, ctx.deps.random));
        sentBefore = true;
        continue;
      }
      if (failure.kind === "auth") throw authError(failure);
      const code =
        failure.kind === "conflict"
          ? "serial-exists"
          : (failure.code ?? `http-${failure.status ?? "error"}`);
      const failed = { code, message: failure.message, requestId: failure.requestId };
      result.set(serial, { ok: false, failure: tokenFailed(ctx, p, "create", failed) });
      return result;
    }
  }
  result.set(serial, { ok: false, failure: tokenFailed(ctx, p, "create", gaveUp()) });
  return result;
}

/** Looks up each serial; the ones found were created. Returns the ones still missing. */
async function reconcile(
  group: readonly PlannedToken[],
  results: Map<string, CreateResult>,
  ctx: RunContext,
): Promise<PlannedToken[]> {
  const missing: PlannedToken[] = [];
  for (const p of group) {
    const device = await ctx.deps.directory.findDeviceBySerial(p.token.serialNumber);
    if (device === null) missing.push(p);
    else {
      results.set(p.token.serialNumber, created(p, device, ctx));
      ctx.deps.emit({
        type: "token",
        serialNumber: p.token.serialNumber,
        upn: p.token.upn,
        step: "reconciled",
        deviceId: device.id,
      });
    }
  }
  return missing;
}

function created(p: PlannedToken, device: Device, ctx: RunContext): CreateResult {
  ctx.journal.record(p.token.serialNumber, { phase: "created", deviceId: device.id });
  ctx.deps.emit({
    type: "token",
    serialNumber: p.token.serialNumber,
    upn: p.token.upn,
    step: "created",
    deviceId: device.id,
  });
  return { ok: true, device };
}

function gaveUp(): Failure {
  return {
    code: "gave-up",
    message:
      "no clear answer from Microsoft Graph after several attempts; run the same command again to resume",
    requestId: null,
  };
}
