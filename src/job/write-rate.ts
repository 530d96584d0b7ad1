import { defaultRetryLimits, fullJitterMs } from "../graph/retry-policy.js";

/** A write the rate let through: when it was sent and what it cost (a bulk of n tokens costs n). */
export type WriteTicket = { sentAt: number; cost: number };

export type WriteRateOptions = {
  /** Writes per second to start with: a rate learned in an earlier run, or the safe default. */
  initial: number;
  /** `initial` was learned against this tenant: probe upwards slowly from the start. */
  learned: boolean;
};

/** A first run starts here: the average of Graph's write quota per app and tenant (3,000 per 150 s). */
export const defaultWritesPerSecond = 20;
export const minWritesPerSecond = 0.2;
/** Graph's global limit per app is 2,000 requests/s; no tenant allows more writes. */
export const maxWritesPerSecond = 2_000;
/** The longest pause for one 429, whatever its Retry-After: the retry policy's cap. */
export const maxPauseMs = defaultRetryLimits.maxDelayMs;

// Until the first 429 (and with no learned rate), rise fast; then back to 90% of the rate last
// refused quickly, and beyond it slowly.
const slowStart = { everyMs: 1_000, factor: 2 };
const recover = { everyMs: 1_000, factor: 1.05, below: 0.9 };
const probe = { everyMs: 5_000, factor: 1.02 };
// A 429 soon after the last cut (or in the slow start) means the rate is well above the ceiling.
const cut = { near: 0.95, far: 0.85, nearAfterMs: 5_000 };
// A single write that goes out late (timers fire late on a busy machine) catches up this much.
const catchUpMs = 250;
// A probe's rate is worth remembering once it has held this long without a 429.
const heldMs = 30_000;
// Graph's limit percentage (x-ms-throttle-limit-percentage): sent above 0.8, so a ceiling is near;
// at 0.95 the rate is at it. Not 0.9: a rate held there would stay 10 % under the limit.
const nearLoad = 0.8;
const fullLoad = 0.95;

/**
The write rate a tenant sustains, learned from its answers (docs/provisioning.md, "Write pacing").
Pure: the caller passes the time (milliseconds) to every method.

- Writes are spaced at `rate` writes per second, each charged its cost when it is sent; an idle
  spell earns no burst (a single write that went out late may catch up 250 ms).
- A 429 pauses every write for its Retry-After (capped at 60 s; without one, full-jitter backoff)
  and lowers the rate: by 5% when the last cut is long past, by 15% in the slow start or when
  the last cut did not suffice; a refused bulk create, further, by the share of its Retry-After
  in its spacing (to half at most). A 429 for a write sent before the last cut changes nothing
  more: it is the same overshoot, answered late.
- While the rate holds writes back and nothing is refused, it rises: it doubles each second until
  the first 429 (the slow start, skipped when the rate was learned); then it climbs back 5% a
  second to 90% of the rate last refused, and beyond that probes 2% every 5 s.
- A write answered with the share of the limit in use (Graph's limit percentage) above 0.8 ends
  the slow start; one at 0.95 or more holds the rate where it is.
*/
export class WriteRate {
  #rate: number;
  /** The last rate that held: set by a cut, raised by a probe that went a while unrefused. */
  #stable: number;
  #ceilingKnown: boolean;
  /** The rate a write was last refused at (0: none yet). */
  #refusedAt = 0;
  #nextAt = Number.NEGATIVE_INFINITY;
  #resumeAt = Number.NEGATIVE_INFINITY;
  #changedAt: number;
  #cutAt = Number.NEGATIVE_INFINITY;
  #heldBack = false;
  /** The last write let through: charged from when, at what cost. */
  #last = { from: Number.NEGATIVE_INFINITY, cost: 0 };
  #refusedInARow = 0;
  #refusals = 0;

  constructor(options: WriteRateOptions, now: number) {
    this.#rate = clampRate(options.initial);
    this.#stable = this.#rate;
    this.#ceilingKnown = options.learned;
    this.#changedAt = now;
  }

  /** Writes per second now. */
  get writesPerSecond(): number {
    return this.#rate;
  }

  /** 429s answered so far. */
  get refusals(): number {
    return this.#refusals;
  }

  /**
  The rate to remember for this tenant: the last one that held (set by a 429, or probed and held
  for 30 s). Known only once a 429 showed the ceiling, in this run or an earlier one: a run that
  never met it has learned nothing.
  */
  get learned(): number | null {
    return this.#ceilingKnown ? this.#stable : null;
  }

  /** How long a write costing `cost` must wait; 0: send it now (its slot is taken). */
  take(now: number, cost: number): number {
    const at = Math.max(this.#nextAt, this.#resumeAt);
    if (at > now) {
      this.#heldBack = true;
      return at - now;
    }
    // Late by a little (the timer fired late): charged from its slot, so the rate holds.
    const late = now - at;
    const from = cost <= 1 && late > 0 && late <= catchUpMs ? at : now;
    this.#nextAt = from + this.#spacing(cost);
    this.#last = { from, cost };
    return 0;
  }

  /**
  The write went through. `load`: the share of the tenant's write limit in use, when its answer
  said (`x-ms-throttle-limit-percentage`, sent above 0.8): above 0.8 the slow start ends (the
  ceiling is near), from 0.95 the rate holds (it is at the ceiling).
  */
  accepted(now: number, load: number | null = null): void {
    this.#refusedInARow = 0;
    if (load !== null && load > nearLoad) this.#ceilingKnown = true;
    if (load !== null && load >= fullLoad) {
      this.#heldBack = false;
      return;
    }
    const step = !this.#ceilingKnown
      ? slowStart
      : this.#rate < this.#refusedAt * recover.below
        ? recover
        : probe;
    if (this.#heldBack && now - this.#changedAt >= step.everyMs) {
      if (now - this.#cutAt >= heldMs) this.#stable = this.#rate;
      this.#setRate(this.#rate * step.factor, now);
      // The write already waiting was spaced at the old rate (a bulk by seconds): at the new one.
      this.#nextAt = Math.min(this.#nextAt, this.#last.from + this.#spacing(this.#last.cost));
    }
  }

  /**
  The write was refused (429). Returns the pause every write now waits, in milliseconds:
  Retry-After (null when absent) capped at `maxPauseMs`, or a full-jitter backoff.
  */
  refused(
    now: number,
    ticket: WriteTicket,
    retryAfterMs: number | null,
    random: () => number,
  ): number {
    this.#refusals += 1;
    this.#refusedInARow += 1;
    const backoff = () => fullJitterMs(random, 1_000, maxPauseMs, this.#refusedInARow - 1);
    const asked = retryAfterMs !== null && Number.isFinite(retryAfterMs) ? retryAfterMs : backoff();
    const pause = Math.min(Math.max(asked, 0), maxPauseMs);
    this.#resumeAt = Math.max(this.#resumeAt, now + pause);
    // Its slot was not used: the write is sent again and charged then.
    this.#nextAt -= this.#spacing(ticket.cost);
    if (ticket.sentAt >= this.#cutAt) {
      const near = this.#ceilingKnown && now - this.#cutAt >= cut.nearAfterMs;
      let rate = this.#rate * (near ? cut.near : cut.far);
      // A refused bulk says more: its writes needed Retry-After beyond its spacing (to half).
      if (ticket.cost > 1 && retryAfterMs !== null && pause > 0) {
        const spacing = this.#spacing(ticket.cost);
        rate = Math.min(rate, Math.max(this.#rate * (spacing / (spacing + pause)), this.#rate / 2));
      }
      this.#refusedAt = this.#rate;
      this.#setRate(rate, now);
      this.#stable = this.#rate;
      this.#cutAt = now;
      this.#ceilingKnown = true;
    }
    return pause;
  }

  #spacing(cost: number): number {
    return (Math.max(cost, 0) / this.#rate) * 1_000;
  }

  #setRate(rate: number, now: number): void {
    this.#rate = clampRate(rate);
    this.#changedAt = now;
    this.#heldBack = false;
  }
}

function clampRate(rate: number): number {
  if (!Number.isFinite(rate)) return defaultWritesPerSecond;
  return Math.min(Math.max(rate, minWritesPerSecond), maxWritesPerSecond);
}
