import { GraphFailure } from "../graph/graph-failure.js";
import { decide } from "../graph/retry-policy.js";
import type { WritePacer } from "../job/write-pacer.js";
import type { RemoveEvent, RemoveStage } from "../events/remove-events.js";
import type { RunDeps } from "../job/run-deps.js";

/** A 429 is waited out, as often as it comes (bounded): the same limit as import's writes. */
const maxThrottledAttempts = 1_000;

type WriteDeps = Pick<RunDeps<RemoveEvent>, "emit" | "sleep" | "random" | "signal">;

/** A write that failed for good, with the stage it failed at. */
export class StageFailure extends Error {
  readonly stage: RemoveStage;
  readonly failure: GraphFailure;

  constructor(stage: RemoveStage, failure: GraphFailure) {
    super(failure.message);
    this.stage = stage;
    this.failure = failure;
  }
}

/** Raised instead of waiting out a 429 once Ctrl-C was pressed: the write was not applied. */
export class StoppedWhileThrottled extends Error {}

/** The pacer's sleep: after Ctrl-C, a pause for throttling ends the token instead. */
export function stopWhenAborted(deps: WriteDeps): (ms: number) => Promise<void> {
  return async (ms) => {
    if (!deps.signal.aborted) await deps.sleep(ms);
    if (deps.signal.aborted) throw new StoppedWhileThrottled("stopped while throttled");
  };
}

/**
Sends an idempotent DELETE until it is confirmed; "not found" means already done. A 429 pauses
every worker (the pacer) and is sent again, like import's writes; an unclear answer is retried
under the adapter's read policy (`decide`: up to 5 attempts, full-jitter backoff): sending a
DELETE again is always safe. Both loops are bounded.
*/
export async function idempotentWrite(
  serial: string,
  stage: RemoveStage,
  write: () => Promise<void>,
  deps: WriteDeps,
  pacer: WritePacer,
): Promise<void> {
  let last: GraphFailure | null = null;
  for (let attempt = 1, unclear = 0; attempt <= maxThrottledAttempts; attempt += 1) {
    const ticket = await pacer.ready();
    if (ticket === null) throw new StoppedWhileThrottled("stopped while throttled");
    try {
      await write();
      pacer.succeeded();
      return;
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      if (error.kind === "not-found") return;
      last = error;
      if (error.kind === "throttled") {
        const retryAfterMs = pacer.throttled(error.retryAfterMs, ticket);
        deps.emit({ type: "throttled", retryAfterMs, stage });
        continue;
      }
      // The adapter already retried a 401 with a fresh token; the rest is the shared policy.
      unclear += 1;
      const decision = decide(error, { attempt: unclear, tokenRefreshed: true }, deps.random);
      if (!decision.retry) throw new StageFailure(stage, error);
      const delayMs = decision.delayMs;
      deps.emit({ type: "retry", serialNumber: serial, stage, attempt: unclear, delayMs });
      await deps.sleep(delayMs);
    }
  }
  throw new StageFailure(stage, last as GraphFailure);
}
