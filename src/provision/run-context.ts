import type { ProvisionDeps, ProvisionOptions } from "./context.js";
import type { PlannedToken } from "./plan.js";
import type { Stage } from "./types.js";
import type { Journal } from "./journal.js";
import type { WritePacer } from "./write-pacer.js";

/** Shared by the phases of one run. */
export type RunContext = {
  deps: ProvisionDeps;
  options: ProvisionOptions;
  journal: Journal;
  pacer: WritePacer;
};

/** A token's failure as the report shows it: a stable code, a scrubbed message, the request id. */
export type Failure = { code: string; message: string; requestId: string | null };

/** Exponential backoff with full jitter (reliability.md §2.4), for unclear results. */
export function backoffMs(
  attempt: number,
  random: () => number,
  baseMs = 500,
  capMs = 15_000,
): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** A token has failed for good in this run: journal it and tell the UI now, not at the end. */
export function tokenFailed(
  ctx: RunContext,
  p: PlannedToken,
  stage: Stage,
  failure: Failure,
): Failure {
  ctx.journal.record(p.token.serialNumber, { phase: "failed", code: failure.code });
  const { serialNumber, upn } = p.token;
  ctx.deps.emit({ type: "token-failed", serialNumber, upn, stage, ...failure });
  return failure;
}
