import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@microsoft/microsoft-graph-client";
import { ResponseType } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import type { DeviceJson } from "../helpers/emulator.js";
import {
  codeAt,
  inventory,
  newToken,
  sha1Seed,
  sha1SeedBase32,
  startTestEmulator,
  testUsers,
} from "../helpers/emulator.js";

/** What Microsoft's own docs and samples send is accepted (graph-fidelity.md #2, #11, #13, #30). */
describe("emulator: request shapes from Microsoft's documentation", () => {
  let emu: RunningEmulator;
  let graph: Client;
  beforeAll(async () => {
    emu = await startTestEmulator();
    graph = emulatorGraphClient(emu, { retry: false });
  });
  afterAll(() => emu.stop());

  const bulk = (method: "post" | "patch", value: unknown[]): Promise<Response> =>
    graph.api(inventory).responseType(ResponseType.RAW)[method]({ "@context": "#$delta", value });

  it("creates in bulk by POST, as the doc's example sends it, with the string interval: 201 and the documented shape", async () => {
    // The body of Microsoft's example (S3), with this test's serials: "timeIntervalInSeconds": "30".
    const items = [
      newToken({ "@contentId": "1", timeIntervalInSeconds: "30" }),
      newToken({
        "@contentId": "2",
        timeIntervalInSeconds: "30",
        assignTo: { id: testUsers.ana.id },
      }),
    ];
    const response = await bulk("post", items);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { value: Array<Record<string, unknown>> };
    expect(body.value).toHaveLength(2);
    for (const [i, item] of body.value.entries()) {
      expect(item).toMatchObject({
        "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethod",
        device: {
          serialNumber: items[i]!["serialNumber"],
          timeIntervalInSeconds: 30,
          secretKey: null,
        },
      });
      expect(item).not.toHaveProperty("@contentId");
      expect(item["id"]).toBe((item["device"] as DeviceJson).id);
    }
    expect((body.value[1]!["device"] as DeviceJson).assignedTo).toMatchObject({
      id: testUsers.ana.id,
    });
  });

  it("creates in bulk by PATCH as the HTTP section says: also 201", async () => {
    const response = await bulk("patch", [newToken({ "@contentId": "1" })]);
    expect(response.status).toBe(201);
  });

  it("accepts a lower-case Base32 secret and verifies codes from the same seed", async () => {
    const created: DeviceJson = await graph
      .api(inventory)
      .post(newToken({ secretKey: sha1SeedBase32.toLowerCase(), timeIntervalInSeconds: "60" }));
    const device: DeviceJson & { timeIntervalInSeconds: number } = await graph
      .api(`${inventory}/${created.id}`)
      .get();
    expect(device.timeIntervalInSeconds).toBe(60);
    const methods = `/users/${testUsers.ben.id}/authentication/hardwareOathMethods`;
    await graph.api(`${methods}/assignAndActivate`).post({
      device: { id: created.id },
      verificationCode: codeAt(sha1Seed, Date.parse(emu.state().now), 0, 60),
    });
    const after: DeviceJson = await graph.api(`${inventory}/${created.id}`).get();
    expect(after.status).toBe("activated");
  });
});
