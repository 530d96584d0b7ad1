import { fullJitterMs } from "../graph/retry-policy.js";
import type { RunDeps } from "./run-deps.js";

/**
Paces writes across all workers. A 429 pauses every worker until its `Retry-After` has passed
(one throttled worker means the tenant's bucket is empty for all of them; immediate retries only
drain it further). Without a `Retry-After`, the pause is an exponential backoff with full jitter.
An optional activation budget (`--activation-rate N/period`) spaces activations evenly.
*/
type PacerDeps = Pick<RunDeps<unknown>, "now" | "sleep" | "random">;

export class WritePacer {
  readonly #deps: PacerDeps;
  readonly #activationSpacingMs: number;
  #resumeAt = 0;
  #nextActivationAt = 0;
  #consecutiveThrottles = 0;
  throttledCount = 0;

  constructor(deps: PacerDeps, options: { activationsPerMinute?: number | undefined } = {}) {
    this.#deps = deps;
    const rate = options.activationsPerMinute;
    this.#activationSpacingMs = rate === undefined || rate <= 0 ? 0 : 60_000 / rate;
  }

  /** Waits until writes may be sent. */
  async ready(): Promise<void> {
    for (;;) {
      const wait = this.#resumeAt - this.#deps.now();
      if (wait <= 0) return;
      await this.#deps.sleep(wait);
    }
  }

  /** Waits for the activation budget, then for the write gate. */
  async readyToActivate(): Promise<void> {
    if (this.#activationSpacingMs > 0) {
      const now = this.#deps.now();
      const at = Math.max(now, this.#nextActivationAt);
      this.#nextActivationAt = at + this.#activationSpacingMs;
      if (at > now) await this.#deps.sleep(at - now);
    }
    await this.ready();
  }

  /** A 429 arrived: pause everyone. Returns the pause in milliseconds. */
  throttled(retryAfterMs: number | null): number {
    this.throttledCount += 1;
    this.#consecutiveThrottles += 1;
    const backoff = fullJitterMs(this.#deps.random, 1_000, 60_000, this.#consecutiveThrottles - 1);
    const pause = retryAfterMs ?? backoff;
    this.#resumeAt = Math.max(this.#resumeAt, this.#deps.now() + pause);
    return pause;
  }

  /** A write went through: the backoff for a missing Retry-After starts over. */
  succeeded(): void {
    this.#consecutiveThrottles = 0;
  }
}
