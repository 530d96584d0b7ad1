import { describe, expect, it } from "vitest";
import { WriteRateLimiter } from "../../src/emulator/rate-limiter.js";
import { createPrng, shuffle } from "../../src/emulator/prng.js";

describe("WriteRateLimiter (a one-second token bucket)", () => {
  it("allows the rate per second, then answers with the seconds to wait", () => {
    let now = 0;
    const limiter = new WriteRateLimiter(20, () => now);
    for (let i = 0; i < 20; i++) expect(limiter.take(1)).toEqual({ ok: true });
    expect(limiter.take(1)).toEqual({ ok: false, retryAfterSec: 0.05 });
    now += 50; // one write's worth
    expect(limiter.take(1)).toEqual({ ok: true });
  });

  it("lets a request costlier than the bucket through when full, leaving debt", () => {
    let now = 0;
    const limiter = new WriteRateLimiter(20, () => now);
    expect(limiter.take(50)).toEqual({ ok: true });
    expect(limiter.take(1)).toEqual({ ok: false, retryAfterSec: 1.55 });
    expect(limiter.take(50)).toMatchObject({ ok: false });
    now += 2000; // the debt of 30 and a full bucket again take 2.5 s
    expect(limiter.take(50)).toMatchObject({ ok: false });
    now += 500;
    expect(limiter.take(50)).toEqual({ ok: true });
  });

  it("reports the share of its limit used over 10 s above 0.8, as Graph's limit percentage", () => {
    let now = 0;
    const limiter = new WriteRateLimiter(5, () => now);
    for (let i = 0; i < 40; i += 1, now += 200) expect(limiter.take(1)).toEqual({ ok: true });
    expect(limiter.take(1)).toEqual({ ok: true, limitPercentage: 0.82 }); // 41 of 50 in 10 s
    now += 10_000;
    expect(limiter.take(1)).toEqual({ ok: true });
    now += 1_000;
    expect(limiter.take(50)).toEqual({ ok: true, limitPercentage: 1.02 });
    now += 20_000;
    expect(new WriteRateLimiter(5, () => now).take(200)).toEqual({
      ok: true,
      limitPercentage: 1.8,
    });
  });

  it("never refuses with rate 0 (off) or for reads", () => {
    const limiter = new WriteRateLimiter(0, () => 0);
    expect(limiter.take(1000)).toEqual({ ok: true });
    expect(new WriteRateLimiter(1, () => 0).take(0)).toEqual({ ok: true });
  });
});

describe("the seeded PRNG", () => {
  it("repeats for a seed and differs across seeds", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createPrng(seed));
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    expect(shuffle([1, 2, 3, 4, 5], createPrng(9)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
