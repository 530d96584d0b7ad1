import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@microsoft/microsoft-graph-client";
import { ResponseType } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import type { Collection, DeviceJson } from "../helpers/emulator.js";
import {
  codeAt,
  graphError,
  inventory,
  newToken,
  sha1Seed,
  sha256Seed,
  sha256SeedBase32,
  startTestEmulator,
  testUsers,
  wrongCode,
} from "../helpers/emulator.js";

const methodsOf = (user: string) =>
  `/users/${encodeURIComponent(user)}/authentication/hardwareOathMethods`;

describe("emulator assignment and activation (graph-api.md §2 rows 7–14)", () => {
  let emu: RunningEmulator;
  let graph: Client;
  const status = async (id: string): Promise<string> =>
    ((await graph.api(`${inventory}/${id}`).get()) as DeviceJson).status;
  beforeAll(async () => {
    emu = await startTestEmulator();
    graph = emulatorGraphClient(emu, { retry: false });
  });
  afterAll(() => emu.stop());

  it("assigns, then activates with the right code; a replayed code and a wrong code are refused", async () => {
    const device: DeviceJson = await graph.api(inventory).post(newToken());
    const method: { id: string } = await graph
      .api(methodsOf(testUsers.ana.id))
      .post({ device: { id: device.id } });
    expect(method.id).toBe(device.id);
    expect(await status(device.id)).toBe("assigned");

    const code = codeAt(sha1Seed, Date.now());
    await graph
      .api(`${methodsOf(testUsers.ana.id)}/${device.id}/activate`)
      .post({ verificationCode: code, displayName: "Ana's token" });
    expect(await graph.api(`${inventory}/${device.id}`).get()).toMatchObject({
      status: "activated",
      displayName: "Ana's token",
    });

    const replay = await graphError(
      graph
        .api(`${methodsOf(testUsers.ana.id)}/${device.id}/activate`)
        .post({ verificationCode: code }),
    );
    expect(replay.statusCode).toBe(400);
    expect(await status(device.id)).toBe("activated");

    const wrong = await graphError(
      graph
        .api(`${methodsOf(testUsers.ana.id)}/${device.id}/activate`)
        .post({ verificationCode: wrongCode(sha1Seed, Date.now()) }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(await status(device.id)).toBe("failedActivation");
    expect(wrong.body).not.toContain(code);

    // The next step's code is fresh (after the accepted one), so the token can be activated again.
    await graph
      .api(`${methodsOf(testUsers.ana.id)}/${device.id}/activate`)
      .post({ verificationCode: codeAt(sha1Seed, Date.now(), 1) });
    expect(await status(device.id)).toBe("activated");
    expect(emu.state().counters.activations).toMatchObject({ ok: 2, replayed: 1, wrong: 1 });
  });

  it("assignAndActivate by device id, with the token's own interval and hash (60 s, SHA-256)", async () => {
    const device: DeviceJson = await graph.api(inventory).post(
      newToken({
        secretKey: sha256SeedBase32,
        hashFunction: "hmacsha256",
        timeIntervalInSeconds: 60,
      }),
    );
    const wrongInterval = codeAt(sha256Seed, Date.now() + 300_000, 0, 30, "hmacsha256");
    expect(
      (
        await graphError(
          graph
            .api(`${methodsOf(testUsers.ben.id)}/assignAndActivate`)
            .post({ device: { id: device.id }, verificationCode: wrongInterval }),
        )
      ).statusCode,
    ).toBe(400);
    expect(await status(device.id)).toBe("failedActivation");
    await graph.api(`${methodsOf(testUsers.ben.userPrincipalName)}/assignAndActivate`).post({
      device: { id: device.id },
      verificationCode: codeAt(sha256Seed, Date.now(), 0, 60, "hmacsha256"),
    });
    expect(await graph.api(`${inventory}/${device.id}`).get()).toMatchObject({
      status: "activated",
      assignedTo: { id: testUsers.ben.id },
    });
  });

  it("assignAndActivateBySerialNumber, and the user's list embeds the device", async () => {
    const body = newToken();
    const device: DeviceJson = await graph.api(inventory).post(body);
    await graph
      .api(`${methodsOf(testUsers.ben.id)}/assignAndActivateBySerialNumber`)
      .post({ serialNumber: body["serialNumber"], verificationCode: codeAt(sha1Seed, Date.now()) });
    const list: Collection<{ id: string; device: DeviceJson }> = await graph
      .api(methodsOf(testUsers.ben.id))
      .get();
    const mine = list.value.find((m) => m.id === device.id);
    expect(mine?.device).toMatchObject({
      serialNumber: body["serialNumber"],
      status: "activated",
      secretKey: null,
    });
    const one: { device: DeviceJson } = await graph
      .api(`${methodsOf(testUsers.ben.id)}/${device.id}`)
      .get();
    expect(one.device.id).toBe(device.id);
  });

  it("keeps one holder per token and refuses another user's activation", async () => {
    const device: DeviceJson = await graph
      .api(inventory)
      .post(newToken({ assignTo: { id: testUsers.ana.id } }));
    expect(
      (await graphError(graph.api(methodsOf(testUsers.ben.id)).post({ device: { id: device.id } })))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await graphError(
          graph
            .api(`${methodsOf(testUsers.ben.id)}/assignAndActivate`)
            .post({ device: { id: device.id }, verificationCode: codeAt(sha1Seed, Date.now()) }),
        )
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await graphError(
          graph
            .api(`${methodsOf(testUsers.ben.id)}/${device.id}/activate`)
            .post({ verificationCode: codeAt(sha1Seed, Date.now()) }),
        )
      ).statusCode,
    ).toBe(404);
  });

  it("assigns with the $ref form (PUT …/device/assignTo/$ref)", async () => {
    const device: DeviceJson = await graph.api(inventory).post(newToken());
    await graph
      .api(`${methodsOf(testUsers.ben.id)}/${device.id}/device/assignTo/$ref`)
      .put({ "@odata.id": `${emu.url}/beta/users/${testUsers.ben.id}` });
    expect(await graph.api(`${inventory}/${device.id}`).get()).toMatchObject({
      status: "assigned",
      assignedTo: { id: testUsers.ben.id },
    });
  });

  it("refuses guests and disabled users", async () => {
    for (const user of [testUsers.guest, testUsers.off]) {
      const device: DeviceJson = await graph.api(inventory).post(newToken());
      const error = await graphError(
        graph.api(methodsOf(user.userPrincipalName)).post({ device: { id: device.id } }),
      );
      expect(error.statusCode).toBe(400);
      expect(
        (await graphError(graph.api(inventory).post(newToken({ assignTo: { id: user.id } }))))
          .statusCode,
      ).toBe(400);
      expect(await status(device.id)).toBe("available");
    }
  });

  it("enforces the cap of 5 methods, counting the user's existing ones", async () => {
    const [a, b, c] = (await Promise.all(
      [1, 2, 3].map(() => graph.api(inventory).post(newToken())),
    )) as [DeviceJson, DeviceJson, DeviceJson];
    await graph.api(methodsOf(testUsers.cat.id)).post({ device: { id: a.id } });
    await graph.api(methodsOf(testUsers.cat.id)).post({ device: { id: b.id } });
    const full = await graphError(
      graph.api(methodsOf(testUsers.cat.id)).post({ device: { id: c.id } }),
    );
    expect(full.statusCode).toBe(409);
    await graph.api(`${methodsOf(testUsers.cat.id)}/${a.id}`).delete();
    await graph.api(methodsOf(testUsers.cat.id)).post({ device: { id: c.id } });
  });

  it("unassign returns the token to the inventory; only then can it be deleted", async () => {
    const device: DeviceJson = await graph.api(inventory).post(newToken());
    await graph
      .api(`${methodsOf(testUsers.ana.id)}/assignAndActivate`)
      .post({ device: { id: device.id }, verificationCode: codeAt(sha1Seed, Date.now()) });
    await graph.api(`${methodsOf(testUsers.ana.id)}/${device.id}/deactivate`).post({});
    expect(await status(device.id)).toBe("assigned");
    expect((await graphError(graph.api(`${inventory}/${device.id}`).delete())).statusCode).toBe(
      409,
    );
    await graph.api(`${methodsOf(testUsers.ana.id)}/${device.id}`).delete();
    expect(await graph.api(`${inventory}/${device.id}`).get()).toMatchObject({
      status: "available",
      assignedTo: null,
    });
    await graph.api(`${inventory}/${device.id}`).delete();
  });
});

describe("emulator with a skewed clock", () => {
  const skewSec = 3600;
  let emu: RunningEmulator;
  let graph: Client;
  beforeAll(async () => {
    emu = await startTestEmulator({ clockSkewSec: skewSec });
    graph = emulatorGraphClient(emu, { retry: false });
  });
  afterAll(() => emu.stop());

  it("sends the skewed time in Date and checks codes against it", async () => {
    const raw = (await graph
      .api(`/users/${testUsers.ana.id}`)
      .responseType(ResponseType.RAW)
      .get()) as Response;
    const offset = Date.parse(raw.headers.get("date") ?? "") - Date.now();
    expect(Math.abs(offset - skewSec * 1000)).toBeLessThan(5000);

    const device: DeviceJson = await graph
      .api(inventory)
      .post(newToken({ assignTo: { id: testUsers.ana.id } }));
    const activate = graph.api(`${methodsOf(testUsers.ana.id)}/${device.id}/activate`);
    const hostClockCode = codeAt(sha1Seed, Date.now());
    expect((await graphError(activate.post({ verificationCode: hostClockCode }))).statusCode).toBe(
      400,
    );
    await graph
      .api(`${methodsOf(testUsers.ana.id)}/${device.id}/activate`)
      .post({ verificationCode: codeAt(sha1Seed, Date.now() + skewSec * 1000) });
    expect(emu.state().devices.find((d) => d.id === device.id)?.status).toBe("activated");
  });
});
