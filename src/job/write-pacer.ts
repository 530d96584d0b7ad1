import type { RunDeps } from "./run-deps.js";
import { defaultWritesPerSecond, WriteRate, type WriteTicket } from "./write-rate.js";

export type { WriteTicket } from "./write-rate.js";

type PacerDeps = Pick<RunDeps<unknown>, "now" | "sleep" | "random"> & {
  /** Aborted by Ctrl-C: a write that would have to wait is not sent at all. */
  signal?: AbortSignal;
};

export type PacerOptions = {
  /** `--activation-rate`: activations spaced evenly, at most this many a minute. */
  activationsPerMinute?: number | undefined;
  /** The rate learned against this tenant in an earlier run (writes/s), if any. */
  learnedRate?: number | null | undefined;
};

/**
Paces the writes of one job across all its workers (import's creates, assigns and activations,
remove's deletes) at the rate the tenant sustains, learned from its 429s (WriteRate). A 429 pauses
every worker for its Retry-After: one throttled worker means the tenant's quota is spent for all of
them. An optional activation budget (`--activation-rate N/period`) spaces activations evenly.
*/
export class WritePacer {
  readonly #deps: PacerDeps;
  readonly #rate: WriteRate;
  readonly #activationSpacingMs: number;
  #nextActivationAt = 0;

  constructor(deps: PacerDeps, options: PacerOptions = {}) {
    this.#deps = deps;
    const rate = options.activationsPerMinute;
    this.#activationSpacingMs = rate === undefined || rate <= 0 ? 0 : 60_000 / rate;
    const learned = options.learnedRate ?? null;
    this.#rate = new WriteRate(
      { initial: learned ?? defaultWritesPerSecond, learned: learned !== null },
      deps.now(),
    );
  }

  /** 429s answered so far. */
  get throttledCount(): number {
    return this.#rate.refusals;
  }

  /** The rate to remember for this tenant (writes/s), or null when this run found no ceiling. */
  get learnedRate(): number | null {
    return this.#rate.learned;
  }

  /**
  Waits until a write costing `cost` (tokens in a bulk create; 1 otherwise) may be sent, and takes
  its slot. Returns null instead of waiting once the job was stopped (Ctrl-C): the caller sends
  nothing. Each wait ends at a slot some write takes, so the loop ends.
  */
  async ready(cost = 1): Promise<WriteTicket | null> {
    for (;;) {
      const now = this.#deps.now();
      const wait = this.#rate.take(now, cost);
      if (wait <= 0) return { sentAt: now, cost };
      if (this.#deps.signal?.aborted === true) return null;
      await this.#deps.sleep(wait);
    }
  }

  /** Waits for the activation budget, then for a write slot. */
  async readyToActivate(): Promise<WriteTicket | null> {
    if (this.#activationSpacingMs > 0) {
      const now = this.#deps.now();
      const at = Math.max(now, this.#nextActivationAt);
      this.#nextActivationAt = at + this.#activationSpacingMs;
      if (at > now) await this.#deps.sleep(at - now);
    }
    return this.ready();
  }

  /** A write was refused (429): pause everyone. Returns the pause in milliseconds (≤ 60 s). */
  throttled(retryAfterMs: number | null, ticket?: WriteTicket | null): number {
    const now = this.#deps.now();
    return this.#rate.refused(
      now,
      ticket ?? { sentAt: now, cost: 1 },
      retryAfterMs,
      this.#deps.random,
    );
  }

  /** A write went through. */
  succeeded(): void {
    this.#rate.accepted(this.#deps.now());
  }
}
