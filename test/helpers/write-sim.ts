import { WriteRateLimiter } from "../../src/emulator/rate-limiter.js";
import { forEachConcurrently } from "../../src/pool.js";
import { WritePacer } from "../../src/job/write-pacer.js";

/** Virtual time: `sleep` resolves when `run` advances the clock to it, never in real time. */
export class VirtualClock {
  now = 0;
  #timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  #seq = 0;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.#timers.push({ at: this.now + Math.max(0, ms), seq: this.#seq++, resolve });
    });

  /** Runs `work` to the end, moving the clock from timer to timer whenever nothing else can run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    void work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let steps = 0; steps < 5_000_000; steps += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return work;
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift();
      if (next === undefined) throw new Error("nothing left to run: the work waits for itself");
      this.now = next.at;
      next.resolve();
    }
    throw new Error("the simulation did not end");
  }
}

export type SimResult = {
  seconds: number;
  writeRequests: number;
  refused: number;
  pacer: WritePacer;
};

/**
An import's writes against a tenant that throttles like the emulator (a token bucket of `limit`
writes/s), in virtual time: `tokens / 50` bulk creates of 50, then one activation per token, by
`concurrency` workers, each request taking `latencyMs`; a refused write is sent again.
*/
export async function simulateImport(options: {
  limit: number;
  tokens: number;
  latencyMs?: number;
  concurrency?: number;
  learnedRate?: number | null;
}): Promise<SimResult> {
  const clock = new VirtualClock();
  const latency = options.latencyMs ?? 250;
  const tenant = new WriteRateLimiter(options.limit, () => clock.now);
  const pacer = new WritePacer(
    { now: () => clock.now, sleep: clock.sleep, random: () => 0.5 },
    { learnedRate: options.learnedRate },
  );
  let writeRequests = 0;
  let refused = 0;
  const write = async (cost: number): Promise<void> => {
    for (let attempt = 0; attempt < 1_000; attempt += 1) {
      const ticket = await pacer.ready(cost);
      await clock.sleep(latency / 2);
      writeRequests += 1;
      const decision = tenant.take(cost);
      await clock.sleep(latency / 2);
      if (decision.ok) return pacer.succeeded();
      refused += 1;
      pacer.throttled(decision.retryAfterSec * 1_000, ticket);
    }
    throw new Error("a write was refused 1,000 times");
  };
  const chunks = Array.from({ length: Math.ceil(options.tokens / 50) }, () => 50);
  const activations = Array.from({ length: options.tokens }, () => 1);
  const concurrency = options.concurrency ?? 8;
  await clock.run(
    (async () => {
      await forEachConcurrently(chunks, concurrency, write);
      await forEachConcurrently(activations, concurrency, write);
    })(),
  );
  return { seconds: clock.now / 1_000, writeRequests, refused, pacer };
}
