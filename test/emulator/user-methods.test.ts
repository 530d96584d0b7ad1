import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import type { DeviceJson } from "../helpers/emulator.js";
import { inventory, newToken, startTestEmulator, testUsers } from "../helpers/emulator.js";

type Methods = { value: Array<{ "@odata.type": string; id: string }> };

describe("emulator: a user's methods (GET /users/{id}/authentication/methods)", () => {
  let emu: RunningEmulator;
  let graph: Client;
  beforeAll(async () => {
    emu = await startTestEmulator();
    graph = emulatorGraphClient(emu, { retry: false });
  });
  afterAll(() => emu.stop());

  const types = async (upn: string): Promise<string[]> => {
    const page: Methods = await graph
      .api(`/users/${encodeURIComponent(upn)}/authentication/methods`)
      .get();
    return page.value.map((m) => m["@odata.type"].replace("#microsoft.graph.", "")).sort();
  };

  it("lists the password, the pre-existing OATH apps and the hardware tokens held", async () => {
    expect(await types(testUsers.cat.userPrincipalName)).toEqual([
      "passwordAuthenticationMethod",
      "softwareOathAuthenticationMethod",
      "softwareOathAuthenticationMethod",
      "softwareOathAuthenticationMethod",
    ]);
    const device: DeviceJson = await graph.api(inventory).post(newToken());
    await graph
      .api(`/users/${testUsers.ana.id}/authentication/hardwareOathMethods`)
      .post({ device: { id: device.id } });
    expect(await types(testUsers.ana.userPrincipalName)).toEqual([
      "hardwareOathAuthenticationMethod",
      "passwordAuthenticationMethod",
    ]);
  });
});
