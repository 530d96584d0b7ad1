import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@microsoft/microsoft-graph-client";
import { PageIterator } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import type { Collection, DeviceJson } from "../helpers/emulator.js";
import {
  graphError,
  inventory,
  newToken,
  nextSerial,
  startTestEmulator,
  testUsers,
} from "../helpers/emulator.js";

describe("emulator inventory (graph-api.md §2 rows 1–6)", () => {
  let emu: RunningEmulator;
  let graph: Client;
  beforeAll(async () => {
    emu = await startTestEmulator({ pageSize: 3 });
    graph = emulatorGraphClient(emu, { retry: false });
  });
  afterAll(() => emu.stop());

  it("creates one token (201), returns it with secretKey null, and gets it by id", async () => {
    const body = newToken({ displayName: "desk" });
    const created: DeviceJson = await graph.api(inventory).post(body);
    expect(created).toMatchObject({
      serialNumber: body["serialNumber"],
      secretKey: null,
      status: "available",
      assignedTo: null,
      hashFunction: "hmacsha1",
      timeIntervalInSeconds: 30,
      displayName: "desk",
    });
    const read: DeviceJson = await graph.api(`${inventory}/${created.id}`).get();
    expect(read.secretKey).toBeNull();
    expect(read.serialNumber).toBe(body["serialNumber"]);
  });

  it("creates with assignTo: assigned to that user, not activated", async () => {
    const created: DeviceJson = await graph
      .api(inventory)
      .post(newToken({ assignTo: { id: testUsers.ben.id } }));
    expect(created.status).toBe("assigned");
    expect(created.assignedTo).toMatchObject({ id: testUsers.ben.id });
  });

  it("creates in bulk with a $delta PATCH, assigning some items", async () => {
    const items = [
      newToken({ "@contentId": "1" }),
      newToken({ "@contentId": "2", assignTo: { id: testUsers.ana.id } }),
    ];
    const result: Collection<{ device: DeviceJson }> = await graph
      .api(inventory)
      .patch({ "@context": "#$delta", value: items });
    expect(result.value).toHaveLength(2);
    expect(result.value[1]!.device).toMatchObject({
      serialNumber: items[1]!["serialNumber"],
      status: "assigned",
      secretKey: null,
    });
  });

  it("refuses a bulk of more than 50 tokens, by PATCH and by POST", async () => {
    const value = Array.from({ length: 51 }, () => newToken());
    const tooMany = await graphError(graph.api(inventory).patch({ "@context": "#$delta", value }));
    expect(tooMany.statusCode).toBe(400);
    const asPost = await graphError(graph.api(inventory).post({ "@context": "#$delta", value }));
    expect(asPost.statusCode).toBe(400);
    expect(
      emu.state().devices.filter((d) => value.some((v) => v["serialNumber"] === d.serialNumber)),
    ).toEqual([]);
  });

  it("refuses a duplicate serial with 409, also case-insensitively and inside a bulk (all or nothing)", async () => {
    const body = newToken();
    await graph.api(inventory).post(body);
    const single = await graphError(
      graph
        .api(inventory)
        .post(newToken({ serialNumber: String(body["serialNumber"]).toLowerCase() })),
    );
    expect(single.statusCode).toBe(409);
    const fresh = newToken();
    const bulk = await graphError(
      graph.api(inventory).patch({
        "@context": "#$delta",
        value: [fresh, newToken({ serialNumber: body["serialNumber"] })],
      }),
    );
    expect(bulk.statusCode).toBe(409);
    expect(bulk.message).toContain("value[1]");
    const found: Collection<DeviceJson> = await graph
      .api(inventory)
      .filter(`serialNumber eq '${String(fresh["serialNumber"])}'`)
      .get();
    expect(found.value).toHaveLength(0);
    expect(emu.state().counters.duplicateRejections).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ["characters outside Base32", { secretKey: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1" }],
    ["padded Base32", { secretKey: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====" }],
    ["hex", { secretKey: "3132333435363738393031323334353637383930" }],
    ["too short", { secretKey: "GEZDGNBVGY3TQ" }],
    ["missing secret", { secretKey: undefined }],
    ["missing model", { model: undefined }],
    ["interval 45", { timeIntervalInSeconds: 45 }],
    ["interval as the string 45", { timeIntervalInSeconds: "45" }],
    ["interval as the string 30.0", { timeIntervalInSeconds: "30.0" }],
    ["unknown hash", { hashFunction: "hmacsha512" }],
    ["read-only status", { status: "activated" }],
  ])("refuses %s with 400 and never repeats the secret", async (_name, overrides) => {
    const error = await graphError(graph.api(inventory).post(newToken(overrides)));
    expect(error.statusCode).toBe(400);
    expect(error.body).not.toMatch(/GEZDGNBV|gezdgnbv|3132333435/u);
  });

  it("filters by serialNumber and status with eq, also joined by and", async () => {
    const body = newToken();
    await graph.api(inventory).post(body);
    const serial = String(body["serialNumber"]);
    const bySerial: Collection<DeviceJson> = await graph
      .api(inventory)
      .filter(`serialNumber eq '${serial}'`)
      .get();
    expect(bySerial.value.map((d) => d.serialNumber)).toEqual([serial]);
    const both: Collection<DeviceJson> = await graph
      .api(inventory)
      .filter(`serialNumber eq '${serial}' and status eq 'available'`)
      .get();
    expect(both.value).toHaveLength(1);
    const none: Collection<DeviceJson> = await graph
      .api(inventory)
      .filter(`serialNumber eq '${serial}' and status eq 'activated'`)
      .get();
    expect(none.value).toHaveLength(0);
    const bad = await graphError(graph.api(inventory).filter(`startswith(serialNumber,'T')`).get());
    expect(bad.statusCode).toBe(400);
  });

  it("pages with @odata.nextLink (page size 3, and $top) until every token is seen", async () => {
    const prefix = nextSerial("PAGE");
    for (let i = 0; i < 7; i++)
      await graph
        .api(inventory)
        .post(newToken({ serialNumber: `${prefix}-${i}`, manufacturer: prefix }));
    const first: Collection<DeviceJson> = await graph
      .api(inventory)
      .filter(`manufacturer eq '${prefix}'`)
      .select("id,serialNumber")
      .get();
    expect(first.value).toHaveLength(3);
    expect(first["@odata.nextLink"]).toContain("$skiptoken=");
    expect(first.value[0]).toEqual({ id: expect.any(String), serialNumber: `${prefix}-0` });
    const seen: string[] = [];
    const iterator = new PageIterator(graph, first, (item: { serialNumber: string }) => {
      seen.push(item.serialNumber);
      return true;
    });
    await iterator.iterate();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `${prefix}-${i}`));
    const top2: Collection<DeviceJson> = await graph
      .api(inventory)
      .filter(`manufacturer eq '${prefix}'`)
      .top(2)
      .get();
    expect(top2.value).toHaveLength(2);
    const second: Collection<DeviceJson> = await graph.api(top2["@odata.nextLink"]!).get();
    expect(second.value.map((d) => d.serialNumber)).toEqual([`${prefix}-2`, `${prefix}-3`]);
  });

  it("updates and deletes only unassigned tokens; serial and secret cannot change", async () => {
    const free: DeviceJson = await graph.api(inventory).post(newToken());
    await graph.api(`${inventory}/${free.id}`).patch({ model: "C301", timeIntervalInSeconds: 60 });
    expect(await graph.api(`${inventory}/${free.id}`).get()).toMatchObject({
      model: "C301",
      timeIntervalInSeconds: 60,
    });
    expect(
      (await graphError(graph.api(`${inventory}/${free.id}`).patch({ serialNumber: "X" })))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await graphError(
          graph.api(`${inventory}/${free.id}`).patch({ secretKey: "GEZDGNBVGY3TQOJQ" }),
        )
      ).statusCode,
    ).toBe(400);
    const held: DeviceJson = await graph
      .api(inventory)
      .post(newToken({ assignTo: { id: testUsers.ana.id } }));
    expect(
      (await graphError(graph.api(`${inventory}/${held.id}`).patch({ model: "X" }))).statusCode,
    ).toBe(409);
    expect((await graphError(graph.api(`${inventory}/${held.id}`).delete())).statusCode).toBe(409);
    await graph.api(`${inventory}/${free.id}`).delete();
    expect((await graphError(graph.api(`${inventory}/${free.id}`).get())).statusCode).toBe(404);
  });

  it("reads and updates the hardware OATH method policy", async () => {
    const path =
      "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/hardwareOath";
    expect(await graph.api(path).get()).toMatchObject({ state: "enabled" });
    await graph.api(path).patch({
      "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration",
      state: "disabled",
    });
    expect(await graph.api(path).get()).toMatchObject({ state: "disabled" });
    await graph.api(path).patch({
      "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration",
      state: "enabled",
    });
  });
});
