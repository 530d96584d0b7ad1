import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decideClock, estimateSkew } from "../../src/activate/clock-skew.js";
import { stepGuardMs, waitBeforeCode } from "../../src/activate/step-edge.js";
import { msLeftInStep, timeStep } from "../../src/totp.js";

const httpDate = (ms: number): string => new Date(ms).toUTCString();

describe("estimateSkew", () => {
  it("contains the true offset for any offset, latency and stamping moment", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3_600_000, max: 3_600_000 }),
        fc.array(
          fc.record({
            start: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
            rtt: fc.integer({ min: 0, max: 2_000 }),
            stampAt: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (offset, calls) => {
          const samples = calls.map(({ start, rtt, stampAt }) => {
            const serverMs = start + rtt * stampAt + offset;
            return { sentAtMs: start, receivedAtMs: start + rtt, serverDate: httpDate(serverMs) };
          });
          const est = estimateSkew(samples)!;
          expect(Math.abs(est.offsetMs - offset)).toBeLessThanOrEqual(est.uncertaintyMs + 1);
          expect(est.uncertaintyMs).toBeLessThanOrEqual(
            500 + Math.max(...calls.map((c) => c.rtt)) / 2 + 1,
          );
        },
      ),
    );
  });

  it("narrows with more samples and ignores unusable ones", () => {
    const local = 1_750_000_000_300;
    const one = estimateSkew([
      { sentAtMs: local, receivedAtMs: local + 100, serverDate: httpDate(local + 90_000) },
    ])!;
    expect(one.offsetMs).toBeGreaterThan(89_000);
    expect(one.offsetMs).toBeLessThan(91_000);
    expect(estimateSkew([{ sentAtMs: 1, receivedAtMs: 2, serverDate: "not a date" }])).toBeNull();
  });
});

describe("decideClock", () => {
  it("uses server time within the limit, refuses beyond it unless told", () => {
    const est = { offsetMs: 90_000, uncertaintyMs: 600, samples: 3 };
    expect(decideClock(est, { maxSkewMs: 30_000, useServerTime: false })).toEqual({
      use: "refuse",
      offsetMs: 90_000,
    });
    expect(decideClock(est, { maxSkewMs: 30_000, useServerTime: true })).toEqual({
      use: "server",
      offsetMs: 90_000,
    });
    expect(
      decideClock({ ...est, offsetMs: 2_000 }, { maxSkewMs: 30_000, useServerTime: false }).use,
    ).toBe("server");
    expect(decideClock(null, { maxSkewMs: 30_000, useServerTime: false })).toEqual({
      use: "local",
      offsetMs: 0,
    });
  });
});

describe("waitBeforeCode (step-edge rule)", () => {
  it("never computes a code inside the guard before a step ends, nor for a step already sent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        fc.constantFrom(30 as const, 60 as const),
        fc.integer({ min: 0, max: 10_000 }),
        fc.option(fc.integer({ min: -2, max: 1 })),
        (now, step, guard, lastOffset) => {
          const last = lastOffset === null ? null : timeStep(now, step) + lastOffset;
          const wait = waitBeforeCode(now, step, guard, last);
          const at = now + wait;
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(2 * step * 1000 + 50);
          expect(msLeftInStep(at, step)).toBeGreaterThanOrEqual(Math.min(guard, (step * 1000) / 2));
          if (last !== null) expect(timeStep(at, step)).toBeGreaterThan(last);
        },
      ),
    );
  });

  it("sends at once in the middle of a step", () => {
    expect(waitBeforeCode(1_000_010_000, 30, stepGuardMs(500, 250), null)).toBe(0);
    expect(waitBeforeCode(1_000_049_000, 30, 3_000, null)).toBe(1_050);
  });
});
