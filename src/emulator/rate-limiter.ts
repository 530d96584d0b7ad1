/**
The write quota as a token bucket: `rate` writes per second, capacity one second's worth. A request
costing more than the capacity (a 50-item bulk at 20 writes/s) is let through when the bucket is
full and leaves it in debt, so it can never be refused forever; later writes wait the debt off.
*/
export type WriteDecision = { ok: true } | { ok: false; retryAfterSec: number };

export class WriteRateLimiter {
  readonly #rate: number;
  readonly #capacity: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

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
      return { ok: true };
    }
    const needed = Math.min(cost, this.#capacity) - this.#tokens;
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil(needed / this.#rate)) };
  }
}
