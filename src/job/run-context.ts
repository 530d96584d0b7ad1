import type { ProvisionEvent } from "../events/provision-events.js";
import type { Stage } from "../events/run-summary.js";
import { fullJitterMs } from "../graph/retry-policy.js";
import type { Journal } from "./journal.js";
import type { RunDeps } from "./run-deps.js";
import type { WritePacer } from "./write-pacer.js";

/**
Shared by the steps of one import/activate run — creating (import/) and assigning and activating
(activate/): the job's deps, its journal and the one write pacer every worker waits on.
*/
export type RunContext = {
  deps: RunDeps<ProvisionEvent>;
  /** Requests in flight at once; tokens per bulk `$delta` create (1 sends single POSTs). */
  options: { concurrency: number; chunkSize: number };
  journal: Journal;
  pacer: WritePacer;
};

/** A token's failure as the report shows it: a stable code, a scrubbed message, the request id. */
export type Failure = { code: string; message: string; requestId: string | null };

/** The token a step works on, as far as failing it needs: its serial and UPN. */
type Named = { token: { serialNumber: string; upn: string | null } };

/** The wait before retrying after an unclear answer: full jitter from 0.5 s, at most 15 s. */
export function backoffMs(attempt: number, random: () => number): number {
  return fullJitterMs(random, 500, 15_000, attempt);
}

/** A token has failed for good in this run: journal it and tell the UI now, not at the end. */
export function tokenFailed(ctx: RunContext, p: Named, stage: Stage, failure: Failure): Failure {
  ctx.journal.record(p.token.serialNumber, { phase: "failed", code: failure.code });
  const { serialNumber, upn } = p.token;
  ctx.deps.emit({ type: "token-failed", serialNumber, upn, stage, ...failure });
  return failure;
}

/** A 429 paused every worker for `retryAfterMs` (the pacer's answer): tell the UI. */
export function emitThrottle(ctx: RunContext, retryAfterMs: number, stage: Stage = "create"): void {
  ctx.deps.emit({ type: "throttled", retryAfterMs, stage });
}
