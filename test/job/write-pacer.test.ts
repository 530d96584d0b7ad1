import { describe, expect, it } from "vitest";
import { WritePacer } from "../../src/job/write-pacer.js";
import { maxPauseMs, WriteRate } from "../../src/job/write-rate.js";
import { simulateImport } from "../helpers/write-sim.js";

const half = () => 0.5;

describe("WriteRate (pure: the caller passes the time)", () => {
  it("spaces writes at the rate, a bulk charged per token, with no burst after an idle spell", () => {
    const rate = new WriteRate({ initial: 10, learned: true }, 0);
    expect(rate.take(0, 1)).toBe(0);
    expect(rate.take(0, 1)).toBe(100);
    expect(rate.take(100, 50)).toBe(0); // a bulk of 50 at 10 writes/s: the next write in 5 s
    expect(rate.take(100, 1)).toBe(5_000);
    expect(rate.take(60_000, 1)).toBe(0);
    expect(rate.take(60_000, 1)).toBe(100);
    // A write whose timer fired 30 ms late is charged from its slot: the rate holds.
    expect(rate.take(60_130, 1)).toBe(0);
    expect(rate.take(60_130, 1)).toBe(70);
  });

  it("a 429 pauses every write for its Retry-After and lowers the rate once per overshoot", () => {
    const rate = new WriteRate({ initial: 20, learned: true }, 0);
    expect(rate.learned).toBe(20);
    const early = { sentAt: 0, cost: 1 };
    expect(rate.take(0, 1)).toBe(0);
    expect(rate.take(50, 1)).toBe(0);
    expect(rate.refused(10_000, early, 2_128, half)).toBe(2_128);
    const cutOnce = rate.writesPerSecond;
    expect(cutOnce).toBeLessThan(20);
    expect(rate.take(10_000, 1)).toBe(2_128);
    // Sent before that cut, answered after it: the same overshoot, no second cut.
    rate.refused(10_100, { sentAt: 50, cost: 1 }, 500, half);
    expect(rate.writesPerSecond).toBe(cutOnce);
    // Sent after the cut and still refused: the rate comes down further, and harder.
    rate.refused(13_000, { sentAt: 12_200, cost: 1 }, 100, half);
    expect(rate.writesPerSecond).toBeLessThan(cutOnce * 0.95);
    expect(rate.refusals).toBe(3);
  });

  it("caps any Retry-After at 60 s, as the retry policy does; without one it backs off, capped too", () => {
    const rate = new WriteRate({ initial: 5, learned: false }, 0);
    expect(rate.refused(0, { sentAt: 0, cost: 1 }, 3_600_000, half)).toBe(maxPauseMs);
    expect(maxPauseMs).toBe(60_000);
    expect(rate.take(59_999, 1)).toBe(1);
    expect(rate.take(60_000, 1)).toBe(0);
    for (let i = 1; i < 20; i += 1) {
      const pause = rate.refused(60_000, { sentAt: 0, cost: 1 }, null, () => 1);
      expect(pause).toBeLessThanOrEqual(maxPauseMs);
    }
    expect(rate.refused(0, { sentAt: 0, cost: 1 }, -5, half)).toBe(0);
  });

  it("rises only while it holds writes back and nothing is refused: fast until a ceiling, then slowly", () => {
    const fresh = new WriteRate({ initial: 10, learned: false }, 0);
    fresh.accepted(2_000); // never held a write back: the rate is not the limit
    expect(fresh.writesPerSecond).toBe(10);
    fresh.take(2_000, 1);
    expect(fresh.take(2_000, 1)).toBeGreaterThan(0);
    fresh.accepted(3_000);
    expect(fresh.writesPerSecond).toBe(20); // slow start: doubles, at most once a second
    fresh.take(3_000, 1);
    fresh.take(3_000, 1);
    fresh.accepted(3_500);
    expect(fresh.writesPerSecond).toBe(20);
    expect(fresh.learned).toBeNull(); // no ceiling met: nothing to remember

    const learned = new WriteRate({ initial: 10, learned: true }, 0);
    learned.take(0, 1);
    learned.take(0, 1);
    learned.accepted(4_999);
    expect(learned.writesPerSecond).toBe(10); // probes every 5 s only
    learned.accepted(5_000);
    expect(learned.writesPerSecond).toBeCloseTo(10.2, 5);
  });

  it("a rise respaces the write already waiting, so a bulk's long spacing does not hold it back", () => {
    const rate = new WriteRate({ initial: 10, learned: false }, 0);
    expect(rate.take(0, 50)).toBe(0); // 5 s of spacing at 10 writes/s
    expect(rate.take(0, 50)).toBe(5_000);
    rate.accepted(1_000); // the slow start doubles the rate: the bulk needed 2.5 s of spacing
    expect(rate.writesPerSecond).toBe(20);
    expect(rate.take(1_000, 50)).toBe(1_500);
  });

  it("reads Graph's limit percentage: above 0.8 the slow start ends, from 0.95 the rate holds", () => {
    const heldBack = (rate: WriteRate, now: number) => {
      rate.take(now, 1);
      expect(rate.take(now, 1)).toBeGreaterThan(0);
    };
    const rate = new WriteRate({ initial: 10, learned: false }, 0);
    heldBack(rate, 1_000);
    rate.accepted(1_000, 0.85); // without it: the slow start would double the rate
    expect(rate.writesPerSecond).toBe(10);
    expect(rate.learned).toBe(10); // a ceiling is near: the rate is worth remembering
    heldBack(rate, 5_000);
    rate.accepted(5_000, null); // under 0.8 again: it probes, slowly
    expect(rate.writesPerSecond).toBeCloseTo(10.2, 5);
    heldBack(rate, 20_000);
    rate.accepted(20_000, 0.97);
    expect(rate.writesPerSecond).toBeCloseTo(10.2, 5); // at the ceiling: no probe
  });

  it("ignores rates it cannot use", () => {
    expect(new WriteRate({ initial: Number.NaN, learned: true }, 0).writesPerSecond).toBe(20);
    expect(new WriteRate({ initial: 0, learned: true }, 0).writesPerSecond).toBe(0.2);
    expect(new WriteRate({ initial: 1e9, learned: true }, 0).writesPerSecond).toBe(2_000);
  });
});

describe("WritePacer", () => {
  it("after Ctrl-C, a write that would wait out a pause is not sent, and the pacer does not spin", async () => {
    const stop = new AbortController();
    let sleeps = 0;
    const pacer = new WritePacer({
      now: () => 1_000, // the clock stands still, as a cut-short sleep leaves it
      // An interruptible sleep once aborted: resolves at once.
      sleep: () => {
        sleeps += 1;
        if (sleeps > 100) throw new Error("the pacer spins on a sleep that returns at once");
        return Promise.resolve();
      },
      random: half,
      signal: stop.signal,
    });
    expect(pacer.throttled(30_000)).toBe(30_000);
    stop.abort();
    expect(await pacer.ready()).toBeNull();
    expect(pacer.tryTake()).toBeNull();
    expect(await pacer.activationTurn()).toBe(false);
    expect(sleeps).toBe(0);
  });

  it("feeds the limit percentage its directory reports into the rate", () => {
    let load: number | null = 0.97;
    let now = 0;
    const pacer = new WritePacer(
      {
        now: () => now,
        sleep: () => Promise.resolve(),
        random: half,
        directory: { writeLoad: () => load },
      },
      { learnedRate: 10 },
    );
    for (const at of [0, 10_000]) {
      now = at;
      expect(pacer.tryTake()).not.toBeTypeOf("number");
      expect(pacer.tryTake()).toBeTypeOf("number");
      pacer.succeeded();
    }
    expect(pacer.learnedRate).toBe(10);
    load = null;
    expect(pacer.tryTake()).toBeTypeOf("number");
    pacer.succeeded();
    expect(pacer.learnedRate).toBe(10); // the probe's rate is not remembered before it has held
  });

  it("passes a Retry-After of an hour on as a pause of 60 s", () => {
    const pacer = new WritePacer({ now: () => 0, sleep: () => Promise.resolve(), random: half });
    expect(pacer.throttled(3_600_000)).toBe(60_000);
    expect(pacer.throttledCount).toBe(1);
  });

  it("against a token-bucket tenant (simulated time), sits just under the limit with few 429s", async () => {
    // 500 tokens at 250 ms latency and 20 writes/s: 10 tokens/s at best.
    const first = await simulateImport({ limit: 20, tokens: 500, concurrency: 16 });
    expect(500 / first.seconds / 10).toBeGreaterThanOrEqual(0.9);
    expect(first.refused / first.writeRequests).toBeLessThanOrEqual(0.03);
    const learned = first.pacer.learnedRate;
    expect(learned).toBeGreaterThan(15);
    expect(learned).toBeLessThanOrEqual(21);
    // The next run against the same tenant starts from what the first one learned.
    const next = await simulateImport({
      limit: 20,
      tokens: 500,
      concurrency: 16,
      learnedRate: learned,
    });
    expect(500 / next.seconds / 10).toBeGreaterThanOrEqual(0.95);
    expect(next.refused / next.writeRequests).toBeLessThanOrEqual(0.02);
  });

  it("learns a limit far below its safe default", async () => {
    const run = await simulateImport({ limit: 2, tokens: 100, concurrency: 8 });
    expect(run.pacer.learnedRate).toBeLessThanOrEqual(2.2);
    expect(100 / run.seconds / 1).toBeGreaterThanOrEqual(0.85);
  });
});
