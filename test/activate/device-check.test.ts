import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkDeviceCode } from "../../src/activate/device-check.js";
import { totpCode } from "../../src/totp.js";

describe("checkDeviceCode", () => {
  it("finds the device's drift, in steps and seconds, for any drift inside the window", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 32 }),
        fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        fc.constantFrom(30 as const, 60 as const),
        fc.constantFrom("hmacsha1" as const, "hmacsha256" as const),
        fc.integer({ min: -10, max: 10 }),
        (seed, now, step, hash, drift) => {
          const shown = totpCode(seed, now + drift * step * 1000, step, hash);
          const verdict = checkDeviceCode(
            seed,
            shown.slice(0, 3) + " " + shown.slice(3),
            now,
            step,
            hash,
          );
          expect(verdict.match).toBe(true);
          // A nearer step can collide by chance (1 in 10^6 per step); the nearest match is reported.
          if (verdict.match)
            expect(Math.abs(verdict.driftSteps)).toBeLessThanOrEqual(Math.abs(drift));
          if (verdict.match && verdict.driftSteps === drift)
            expect(verdict.driftSeconds).toBe(drift * step);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("reports a mismatch for a code from another seed, or not a 6-digit code", () => {
    const seed = Buffer.from("12345678901234567890");
    expect(checkDeviceCode(seed, "287082", 59_000, 30, "hmacsha1")).toEqual({
      match: true,
      driftSteps: 0,
      driftSeconds: 0,
      step: 1,
    });
    expect(checkDeviceCode(seed, "12345", 59_000, 30, "hmacsha1")).toEqual({
      match: false,
      windowSteps: 20,
    });
    expect(checkDeviceCode(seed, "287082", 59_000 + 30 * 60_000, 30, "hmacsha1", 5).match).toBe(
      false,
    );
  });
});
