import { describe, expect, it } from "vitest";
import { simulateActivations } from "../helpers/activation-sim.js";

// Virtual time (no timers, no timed assertions): the real activation path against a simulated
// token-bucket tenant that checks every code against the time it arrives.
describe("activation codes and the write pacer at a step edge", () => {
  it("paces the workers a step edge releases, so a small bucket does not refuse them", async () => {
    // 5 writes/s, the rate already learned: 8 workers, 300 activations over three step edges.
    const run = await simulateActivations({ limit: 5, tokens: 300, learnedRate: 5 });
    expect(run.activated).toBe(300);
    expect(run.refused / run.writeRequests).toBeLessThanOrEqual(0.01);
  });

  it("never sends a stale or spent code: each arrives inside its step, outside the guard", async () => {
    for (const limit of [2, 5, 20]) {
      const run = await simulateActivations({ limit, tokens: 120, concurrency: 16 });
      expect(run.activated).toBe(120);
      expect(run.stale).toBe(0);
      expect(run.reused).toBe(0);
      // The guard is 1 s of clock uncertainty + 250 ms latency + 1 s; the code arrives 125 ms on.
      expect(run.leastLeftMs).toBeGreaterThanOrEqual(2_250 - 125);
    }
  });
});
