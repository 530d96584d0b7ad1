import { fullJitterMs } from "../graph/retry-policy.js";
import type { ProvisionDeps, ProvisionOptions } from "./context.js";
import type { PlannedToken } from "./plan.js";
import type { Stage } from "../events/run-summary.js";
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

/** The wait before retrying after an unclear answer: full jitter from 0.5 s, at most 15 s. */
export function backoffMs(attempt: number, random: () => number): number {
  return fullJitterMs(random, 500, 15_000, attempt);
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
