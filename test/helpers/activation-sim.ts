import { randomBytes } from "node:crypto";
import { assignAndActivate } from "../../src/activate/assign-and-activate.js";
import { seedCodes } from "../../src/activate/codes.js";
import { WriteRateLimiter } from "../../src/emulator/rate-limiter.js";
import { GraphFailure } from "../../src/graph/graph-failure.js";
import type { OathDirectory } from "../../src/graph/port.js";
import type { Journal } from "../../src/job/journal.js";
import { forEachConcurrently } from "../../src/pool.js";
import type { RunContext } from "../../src/job/run-context.js";
import { WritePacer } from "../../src/job/write-pacer.js";
import { Seed } from "../../src/secrets/seed.js";
import { msLeftInStep, timeStep, totpCode } from "../../src/totp.js";
import type { Token } from "../../src/validate/token-schema.js";
import { VirtualClock } from "./write-sim.js";

export type ActivationSimResult = {
  writeRequests: number;
  refused: number;
  /** Codes that arrived outside the step they were computed for (the tenant would reject them). */
  stale: number;
  /** Codes sent for a step at or before one already sent for the same token. */
  reused: number;
  /** The least time left in its step when a code arrived (milliseconds). */
  leastLeftMs: number;
  activated: number;
};

/**
The activation phase of an import in virtual time, through the real assignAndActivate, seedCodes
and WritePacer, against a tenant that throttles like the emulator (a token bucket of `limit`
writes/s) and checks each code against the time the request arrives (half the latency after it
left). Starts just before a step edge, as any run meets one every 30 s.
*/
export async function simulateActivations(options: {
  limit: number;
  tokens: number;
  latencyMs?: number;
  concurrency?: number;
  learnedRate?: number | null;
}): Promise<ActivationSimResult> {
  const clock = new VirtualClock();
  clock.now = 1_800_000_000_000 + 28_000; // 2 s before a step ends
  const latency = options.latencyMs ?? 250;
  const tenant = new WriteRateLimiter(options.limit, () => clock.now);
  const seeds = new Map<string, Buffer>();
  const lastStep = new Map<string, number>();
  const result = { writeRequests: 0, refused: 0, stale: 0, reused: 0, leastLeftMs: 30_000 };
  let activated = 0;
  const send = async (deviceId: string, code: string): Promise<void> => {
    await clock.sleep(latency / 2);
    result.writeRequests += 1;
    const decision = tenant.take(1);
    const seed = seeds.get(deviceId) as Buffer;
    // Which step of the seed the code belongs to (this one or a neighbour): the tenant's check.
    const step = [-1, 0, 1]
      .map((d) => timeStep(clock.now, 30) + d)
      .find((s) => totpCode(seed, s * 30_000, 30, "hmacsha1") === code);
    await clock.sleep(latency / 2);
    if (!decision.ok) {
      result.refused += 1;
      throw new GraphFailure({
        kind: "throttled",
        status: 429,
        code: null,
        message: "Too many requests",
        requestId: null,
        retryAfterMs: decision.retryAfterSec * 1_000,
      });
    }
    if (step !== timeStep(clock.now - latency / 2, 30)) result.stale += 1;
    if (step !== undefined && step <= (lastStep.get(deviceId) ?? -1)) result.reused += 1;
    if (step !== undefined) lastStep.set(deviceId, step);
    result.leastLeftMs = Math.min(result.leastLeftMs, msLeftInStep(clock.now - latency / 2, 30));
    activated += 1;
  };
  const directory = {
    activate: (_user: string, deviceId: string, code: string) => send(deviceId, code),
    assignAndActivate: (_user: string, deviceId: string, code: string) => send(deviceId, code),
    getDevice: () => Promise.resolve(null),
    writeLoad: () => null,
  } as unknown as OathDirectory;
  const deps = {
    directory,
    now: () => clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    emit: () => {},
    signal: new AbortController().signal,
  };
  const journal = { record: () => {}, get: () => undefined } as unknown as Journal;
  const ctx: RunContext = {
    deps,
    options: { concurrency: options.concurrency ?? 8, chunkSize: 50 },
    journal,
    pacer: new WritePacer(deps, { learnedRate: options.learnedRate }),
  };
  const codes = seedCodes({ offsetMs: 0, uncertaintyMs: 1_000, expectedLatencyMs: latency }, ctx);
  const targets = Array.from({ length: options.tokens }, (_, i) => {
    const bytes = randomBytes(20);
    seeds.set(`device-${i}`, bytes);
    const token = {
      serialNumber: `S${i}`,
      upn: `user${i}@contoso.example`,
      seed: new Seed(bytes),
      timeIntervalInSeconds: 30,
      hashFunction: "hmacsha1",
      displayName: null,
    } as unknown as Token;
    return { token, user: { id: `user-${i}` }, assign: true, activate: true };
  });
  await clock.run(
    forEachConcurrently(targets, ctx.options.concurrency, async (p) => {
      const index = targets.indexOf(p);
      await assignAndActivate(p as never, `device-${index}`, codes, ctx);
    }),
  );
  return { ...result, activated };
}
