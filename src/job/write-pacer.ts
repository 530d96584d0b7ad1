import type { OathDirectory } from "../graph/port.js";
import type { RunDeps } from "./run-deps.js";
import { defaultWritesPerSecond, WriteRate, type WriteTicket } from "./write-rate.js";

export type { WriteTicket } from "./write-rate.js";

type PacerDeps = Pick<RunDeps<unknown>, "now" | "sleep" | "random"> & {
  /** Aborted by Ctrl-C: a write that would have to wait is not sent at all. */
  signal?: AbortSignal;
  /** The share of the write limit in use, as the tenant's last successful write said. */
  directory?: Partial<Pick<OathDirectory, "writeLoad">>;
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
  Takes the slot of a write costing `cost` (tokens in a bulk create; 1 otherwise) if it may be
  sent now; else says how long to wait (milliseconds) — or null once the job was stopped (Ctrl-C),
  when the caller sends nothing. Never waits itself: a caller that must compute something at the
  moment of sending (an activation code) takes the slot and computes it with no wait between.
  */
  tryTake(cost = 1): WriteTicket | number | null {
    const now = this.#deps.now();
    const wait = this.#rate.take(now, cost);
    if (wait <= 0) return { sentAt: now, cost };
    return this.#deps.signal?.aborted === true ? null : wait;
  }

  /**
  Waits until a write costing `cost` may be sent, and takes its slot. Returns null instead of
  waiting once the job was stopped (Ctrl-C). Each wait ends at a slot some write takes, so the
  loop ends.
  */
  async ready(cost = 1): Promise<WriteTicket | null> {
    for (;;) {
      const slot = this.tryTake(cost);
      if (typeof slot !== "number") return slot;
      await this.#deps.sleep(slot);
    }
  }

  /**
  Waits for the activation budget (`--activation-rate`), not for a write slot: the activation takes
  its slot just before computing its code (activate/codes.ts). False: the job was stopped.
  */
  async activationTurn(): Promise<boolean> {
    if (this.#activationSpacingMs > 0) {
      const now = this.#deps.now();
      const at = Math.max(now, this.#nextActivationAt);
      this.#nextActivationAt = at + this.#activationSpacingMs;
      if (at > now) await this.#deps.sleep(at - now);
    }
    return this.#deps.signal?.aborted !== true;
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

  /** A write went through; what its answer said of the write limit's use feeds the rate. */
  succeeded(): void {
    this.#rate.accepted(this.#deps.now(), this.#deps.directory?.writeLoad?.() ?? null);
  }
}
