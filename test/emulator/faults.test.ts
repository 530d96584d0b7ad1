import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/index.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import type { Collection, DeviceJson } from "../helpers/emulator.js";
import { graphError, inventory, newToken, startTestEmulator } from "../helpers/emulator.js";

describe("emulator faults (reliability.md §3.4)", () => {
  let emu: RunningEmulator | undefined;
  afterEach(async () => {
    await emu?.stop();
    emu = undefined;
  });
  async function start(options: EmulatorOptions) {
    emu = await startTestEmulator(options);
    return { emu, graph: emulatorGraphClient(emu, { retry: false }) };
  }
  const serials = (e: RunningEmulator) => e.state().devices.map((d) => d.serialNumber);

  it("throttles writes above --write-rate with 429, Retry-After and TooManyRequests; reads pass", async () => {
    const { emu, graph } = await start({ writeRate: 2 });
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => graph.api(inventory).post(newToken())),
    );
    const throttled = results
      .filter((r) => r.status === "rejected")
      .map((r) => r.reason as Record<string, unknown>);
    expect(throttled.length).toBeGreaterThanOrEqual(2);
    for (const error of throttled) {
      expect(error["statusCode"]).toBe(429);
      expect(error["code"]).toBe("TooManyRequests");
      expect(Number((error["headers"] as Headers).get("retry-after"))).toBeGreaterThan(0);
    }
    expect(emu.state().counters.throttled).toBe(throttled.length);
    await graph.api(inventory).get();
  });

  it("lets a 50-item bulk through at 20 writes/s, then makes later writes wait off the debt", async () => {
    const { graph } = await start({ writeRate: 20 });
    const value = Array.from({ length: 50 }, () => newToken());
    const created: Collection<unknown> = await graph
      .api(inventory)
      .patch({ "@context": "#$delta", value });
    expect(created.value).toHaveLength(50);
    const next = await graphError(graph.api(inventory).post(newToken()));
    expect(next.statusCode).toBe(429);
    // 31 writes of debt at 20/s: 1.55 s right after the bulk, less as time passes (a busy machine
    // may take a while between the two requests) — never the 0.05 s of one write.
    const retryAfter = Number(next.headers?.get("retry-after"));
    expect(retryAfter).toBeLessThanOrEqual(1.55);
    expect(retryAfter).toBeGreaterThan(0.5);
  });

  it("503 comes before the write: nothing is created", async () => {
    const { emu, graph } = await start({ faultRate: 1, faultKinds: ["503"] });
    const body = newToken();
    expect((await graphError(graph.api(inventory).post(body))).statusCode).toBe(503);
    expect(serials(emu)).not.toContain(body["serialNumber"]);
    expect(emu.state().counters.faults["503"]).toBe(1);
    const list: Collection<DeviceJson> = await graph.api(inventory).get();
    expect(list.value).toEqual([]);
  });

  it("a lost response comes after the write: 504 or a dropped connection, and the token exists", async () => {
    const { emu, graph } = await start({ faultRate: 1, faultKinds: ["lost"], seed: 7 });
    const bodies = Array.from({ length: 6 }, () => newToken());
    const outcomes: string[] = [];
    for (const body of bodies) {
      const error = (await graphError(graph.api(inventory).post(body))) as unknown as Record<
        string,
        unknown
      >;
      outcomes.push(error["statusCode"] === 504 ? "504" : "network");
    }
    expect(new Set(outcomes)).toEqual(new Set(["504", "network"]));
    expect(serials(emu)).toEqual(bodies.map((b) => b["serialNumber"]));
    expect(emu.state().counters.faults.lost).toBe(6);
  });

  it("a reset comes before the write: the connection fails and nothing is created", async () => {
    const { emu, graph } = await start({ faultRate: 1, faultKinds: ["reset"] });
    const body = newToken();
    const error = (await graphError(graph.api(inventory).post(body))) as unknown as Record<
      string,
      unknown
    >;
    // No HTTP answer at all: the connection was reset (the SDK reports statusCode -1).
    expect(error["statusCode"]).toBe(-1);
    expect(serials(emu)).toEqual([]);
    expect(emu.state().counters.faults.reset).toBe(1);
  });

  it("replays the same fault schedule for the same seed, and adds latency", async () => {
    const run = async () => {
      const { emu, graph } = await start({
        faultRate: 0.5,
        faultKinds: ["503"],
        seed: 42,
        latencyMs: 20,
      });
      const started = performance.now();
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        statuses.push(
          await graph
            .api(inventory)
            .post(newToken())
            .then(
              () => 201,
              (e: { statusCode: number }) => e.statusCode,
            ),
        );
      }
      expect(performance.now() - started).toBeGreaterThanOrEqual(8 * 20);
      await emu.stop();
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(201);
  });
});
