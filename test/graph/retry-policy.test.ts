import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decide, defaultRetryLimits, type RetryLimits } from "../../src/graph/retry-policy.js";
import { kindOf } from "../../src/graph/classify-failure.js";

/** A response the server may send: a status (null = no response) and maybe a Retry-After. */
const response = fc.record({
  status: fc.oneof(
    fc.constantFrom(null, 200, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504),
    fc.integer({ min: 400, max: 599 }),
  ),
  retryAfterMs: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: null }),
});

const limits = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 8 }),
  baseDelayMs: fc.integer({ min: 1, max: 2_000 }),
  maxDelayMs: fc.integer({ min: 2_000, max: 90_000 }),
});

type Step = { status: number | null; retryAfterMs: number | null };

/** Drives one call through a scripted sequence of failures, as the adapter's loop does. */
function simulate(steps: Step[], l: RetryLimits, random: () => number) {
  let tokenRefreshed = false;
  let refreshes = 0;
  const delays: { delayMs: number; floor: number | null }[] = [];
  let attempts = 0;
  for (const [i, step] of steps.entries()) {
    attempts = i + 1;
    const kind = kindOf(step.status, null);
    const failure = {
      kind,
      status: step.status,
      retryAfterMs: kind === "throttled" ? step.retryAfterMs : null,
    };
    const d = decide(failure, { attempt: attempts, tokenRefreshed }, random, l);
    if (!d.retry) return { attempts, delays, refreshes, stoppedOn: step.status };
    if (d.refreshToken) {
      refreshes += 1;
      tokenRefreshed = true;
    }
    delays.push({ delayMs: d.delayMs, floor: failure.retryAfterMs });
  }
  return { attempts, delays, refreshes, stoppedOn: undefined };
}

describe("retry policy", () => {
  it("keeps delays between Retry-After and the cap, attempts within the limit, 401 once", () => {
    fc.assert(
      fc.property(
        fc.array(response, { minLength: 1, maxLength: 15 }),
        limits,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, l, r) => {
          const run = simulate(steps, l, () => r);
          expect(run.refreshes).toBeLessThanOrEqual(1);
          // Retries other than the one token refresh count against maxAttempts.
          expect(run.delays.length - run.refreshes).toBeLessThanOrEqual(l.maxAttempts - 1);
          for (const { delayMs, floor } of run.delays) {
            expect(delayMs).toBeGreaterThanOrEqual(floor ?? 0);
            expect(delayMs).toBeLessThanOrEqual(l.maxDelayMs);
          }
        },
      ),
    );
  });

  it("never retries 400, 403, 404, 409 or other definitive 4xx", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(400, 403, 404, 409, 410, 422),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (status, attempt, tokenRefreshed) => {
          const kind = kindOf(status, null);
          const d = decide(
            { kind, status, retryAfterMs: null },
            { attempt, tokenRefreshed },
            Math.random,
          );
          expect(d.retry).toBe(false);
        },
      ),
    );
  });

  it("refreshes the token once after a 401, then gives up", () => {
    const failure = { kind: "auth" as const, status: 401, retryAfterMs: null };
    expect(decide(failure, { attempt: 1, tokenRefreshed: false }, () => 0.5)).toEqual({
      retry: true,
      delayMs: 0,
      refreshToken: true,
    });
    expect(decide(failure, { attempt: 2, tokenRefreshed: true }, () => 0.5).retry).toBe(false);
  });

  it("gives up rather than wait longer than the cap", () => {
    const failure = { kind: "throttled" as const, status: 429, retryAfterMs: 61_000 };
    expect(decide(failure, { attempt: 1, tokenRefreshed: false }, () => 0).retry).toBe(false);
  });

  it("backs off exponentially with full jitter when the server gives no Retry-After", () => {
    const failure = { kind: "unclear" as const, status: 503, retryAfterMs: null };
    const at = (attempt: number, r: number) =>
      decide(failure, { attempt, tokenRefreshed: false }, () => r).delayMs;
    expect(at(1, 0.999)).toBeLessThanOrEqual(defaultRetryLimits.baseDelayMs);
    expect(at(3, 0.999)).toBeGreaterThan(at(2, 0.999));
    expect(at(3, 0)).toBe(0);
    expect(at(20, 1)).toBeLessThanOrEqual(defaultRetryLimits.maxDelayMs);
  });
});
