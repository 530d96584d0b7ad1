/**
The write quota as a token bucket: `rate` writes per second, capacity one second's worth. A request
costing more than the capacity (a 50-item bulk at 20 writes/s) is let through when the bucket is
full and leaves it in debt, so it can never be refused forever; later writes wait the debt off.

A write let through above 80 % use carries `limitPercentage`, as Graph's identity service sends
`x-ms-throttle-limit-percentage` (0.8 to 1.8; docs/emulator.md): the writes let through in the
last 10 s against what the rate allows in 10 s. A longer window than the bucket's, as Graph's own
write quota is counted over 150 s: one bulk at a rate that allows it does not read as a full limit.
*/
export type WriteDecision =
  { ok: true; limitPercentage?: number } | { ok: false; retryAfterSec: number };

const usageWindowMs = 10_000;

export class WriteRateLimiter {
  readonly #rate: number;
  readonly #capacity: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;
  /** The writes let through in the usage window: when, and their cost. */
  readonly #recent: Array<{ at: number; cost: number }> = [];
  #recentCost = 0;

  /** `rate` 0 means unlimited. `now` is a millisecond clock (real time, not the skewed one). */
  constructor(rate: number, now: () => number) {
    this.#rate = rate;
    this.#capacity = rate;
    this.#now = now;
    this.#tokens = rate;
    this.#at = now();
  }

  take(cost: number): WriteDecision {
    if (this.#rate <= 0 || cost <= 0) return { ok: true };
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    this.#at = now;
    const bucketFull = this.#tokens >= this.#capacity;
    if (this.#tokens >= cost || (cost > this.#capacity && bucketFull)) {
      this.#tokens -= cost;
      const used = this.#use(now, cost);
      return used > 0.8 ? { ok: true, limitPercentage: Math.min(1.8, used) } : { ok: true };
    }
    const needed = Math.min(cost, this.#capacity) - this.#tokens;
    // Like Graph's own example (`Retry-After: 2.128`): seconds with millisecond precision, so a
    // client that honours it exactly loses no time to rounding.
    return {
      ok: false,
      retryAfterSec: Math.max(0.001, Math.ceil((needed / this.#rate) * 1000) / 1000),
    };
  }

  /** The share of the limit used over the window, this write included. */
  #use(now: number, cost: number): number {
    this.#recent.push({ at: now, cost });
    this.#recentCost += cost;
    while (this.#recent.length > 0 && this.#recent[0]!.at <= now - usageWindowMs)
      this.#recentCost -= this.#recent.shift()!.cost;
    return this.#recentCost / ((this.#rate * usageWindowMs) / 1000);
  }
}
