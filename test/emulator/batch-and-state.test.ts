import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import type { DeviceJson } from "../helpers/emulator.js";
import {
  codeAt,
  graphError,
  inventory,
  newToken,
  sha1Seed,
  sha1SeedBase32,
  startTestEmulator,
  testUsers,
} from "../helpers/emulator.js";

type BatchResponse = {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }>;
};

describe("emulator $batch (graph-api.md §5.2)", () => {
  let emu: RunningEmulator;
  let graph: Client;
  beforeAll(async () => {
    emu = await startTestEmulator({ writeRate: 3 });
    graph = emulatorGraphClient(emu, { retry: false });
  });
  afterAll(() => emu.stop());

  it("runs up to 20 items with their own status, matched by id; throttled items get their own 429", async () => {
    // A 4-item bulk goes through a full bucket of 3 and leaves it 1 in debt; 1.5 s refills it to 3.
    const created: { value: Array<{ device: DeviceJson }> } = await graph
      .api(inventory)
      .patch({ "@context": "#$delta", value: [1, 2, 3, 4].map(() => newToken()) });
    const devices = created.value.map((m) => m.device);
    await new Promise((r) => setTimeout(r, 1500));
    const requests = [
      { id: "get", method: "GET", url: `/users/${testUsers.ana.id}?$select=id` },
      ...devices.map((d, i) => ({
        id: `act${i}`,
        method: "POST",
        url: `/users/${testUsers.ana.id}/authentication/hardwareOathMethods/assignAndActivate`,
        headers: { "Content-Type": "application/json" },
        body: {
          device: { id: d.id },
          verificationCode: codeAt(sha1Seed, Date.now() + (i - 1) * 30_000),
        },
      })),
      { id: "missing", method: "GET", url: `${inventory}/00000000-0000-4000-8000-000000000000` },
      { id: "after", method: "GET", url: `/users/${testUsers.ana.id}`, dependsOn: ["missing"] },
    ];
    const result: BatchResponse = await graph.api("/$batch").post({ requests });
    const byId = new Map(result.responses.map((r) => [r.id, r]));
    expect(byId.get("get")?.status).toBe(200);
    expect(byId.get("missing")?.status).toBe(404);
    expect(byId.get("after")?.status).toBe(424);
    const writes = ["act0", "act1", "act2", "act3"].map((id) => byId.get(id)!);
    expect(writes.filter((w) => w.status === 204).length).toBe(3);
    const throttled = writes.find((w) => w.status === 429);
    expect(throttled?.headers["Retry-After"]).toMatch(/^\d+$/u);
  });

  it("refuses more than 20 items with 400", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: "GET",
      url: `/users/${testUsers.ana.id}`,
    }));
    expect((await graphError(graph.api("/$batch").post({ requests }))).statusCode).toBe(400);
  });

  it("the state endpoint shows devices, holders and counters, and never a secret", async () => {
    const response = await fetch(`${emu.url}/_emulator/state`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const state = JSON.parse(text) as ReturnType<RunningEmulator["state"]>;
    expect(state.devices.length).toBeGreaterThan(0);
    expect(
      state.devices.some((d) => d.holder?.userPrincipalName === testUsers.ana.userPrincipalName),
    ).toBe(true);
    expect(state.counters.requests["POST $batch"]).toBe(2);
    expect(state.counters.activations.ok).toBe(3);
    const hex = sha1Seed.toString("hex");
    for (const form of [
      sha1SeedBase32,
      sha1SeedBase32.toLowerCase(),
      hex,
      hex.toUpperCase(),
      "secretKey",
    ]) {
      expect(text).not.toContain(form);
    }
    expect(emu.state()).toEqual({
      ...state,
      now: expect.any(String) as string,
      counters: emu.state().counters,
    });
  });
});
