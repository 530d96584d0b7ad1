import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { appToken, delegatedToken, graphCall } from "../helpers/delegated.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import {
  graphError,
  inventory,
  newToken,
  startTestEmulator,
  testGroups,
  testUsers,
} from "../helpers/emulator.js";

const config =
  "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/hardwareOath";
const type = "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration";

describe("emulator: the hardware OATH policy's targets and last change", () => {
  let emu: RunningEmulator;
  let graph: Client;
  const modified = "2026-11-30T08:00:00.000Z";
  beforeAll(async () => {
    emu = await startTestEmulator({
      policy: {
        includeTargets: [{ id: testGroups.pilot }],
        excludeTargets: [{ id: testGroups.nested }],
        lastModifiedDateTime: modified,
      },
    });
    graph = emulatorGraphClient(emu, { retry: false });
  });
  afterAll(() => emu.stop());

  it("returns the targets as Graph shapes them, and the policy's lastModifiedDateTime", async () => {
    const policy: Record<string, unknown> = await graph.api(config).get();
    expect(policy).toMatchObject({
      "@odata.type": type,
      id: "HardwareOath",
      state: "enabled",
      includeTargets: [
        { targetType: "group", id: testGroups.pilot, isRegistrationRequired: false },
      ],
      excludeTargets: [{ targetType: "group", id: testGroups.nested }],
    });
    const root: Record<string, unknown> = await graph
      .api("/policies/authenticationMethodsPolicy")
      .get();
    expect(root["lastModifiedDateTime"]).toBe(modified);
    const covered = (id: string) => emu.state().users.find((u) => u.id === id)?.inPolicyTargets;
    expect([
      covered(testUsers.dan.id),
      covered(testUsers.ana.id),
      covered(testUsers.ben.id),
    ]).toEqual([true, false, false]);
  });

  it("PATCH replaces the targets and moves lastModifiedDateTime to now; unknown groups are 400", async () => {
    await graph.api(config).patch({
      "@odata.type": type,
      includeTargets: [{ targetType: "group", id: "all_users" }],
      excludeTargets: [],
    });
    const policy: Record<string, unknown> = await graph.api(config).get();
    expect(policy["includeTargets"]).toEqual([
      { targetType: "group", id: "all_users", isRegistrationRequired: false },
    ]);
    expect(policy["excludeTargets"]).toEqual([]);
    const root: Record<string, string> = await graph
      .api("/policies/authenticationMethodsPolicy")
      .get();
    expect(
      Math.abs(Date.parse(root["lastModifiedDateTime"]!) - Date.parse(emu.state().now)),
    ).toBeLessThan(60_000);
    const unknown = await graphError(
      graph.api(config).patch({
        "@odata.type": type,
        excludeTargets: [{ id: "0b000000-0000-4000-8000-0000000000ff" }],
      }),
    );
    expect(unknown.statusCode).toBe(400);
  });
});

describe("emulator: $batch serves the pre-flight reads with per-item status, 403 and 429", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ writeRate: 1, faultRate: 1, faultKinds: ["503"] });
  });
  afterAll(() => emu.stop());

  const batch = async (token: string, requests: unknown[]) => {
    const result = await graphCall(emu, token, "POST", "/$batch", { requests });
    expect(result.status).toBe(200);
    const responses =
      (result.body["responses"] as Array<{
        id: string;
        status: number;
        body?: Record<string, unknown>;
      }>) ?? [];
    return new Map(responses.map((r) => [r.id, r]));
  };

  it("answers users, methods, memberships and the policy item by item; reads (checkMemberGroups too) get no faults", async () => {
    const token = await appToken(emu);
    const json = { "Content-Type": "application/json" };
    const answers = await batch(token, [
      {
        id: "1",
        method: "GET",
        url: `/users?$filter=userPrincipalName eq '${testUsers.dan.userPrincipalName}'&$select=id,accountEnabled`,
      },
      { id: "2", method: "GET", url: `/users/${testUsers.dan.id}/authentication/methods` },
      {
        id: "3",
        method: "POST",
        url: `/users/${testUsers.ana.id}/checkMemberGroups`,
        headers: json,
        body: { groupIds: [testGroups.pilot] },
      },
      { id: "4", method: "GET", url: config },
      { id: "5", method: "GET", url: "/users/nobody@test.example" },
    ]);
    expect(answers.get("1")?.body?.["value"]).toEqual([
      { id: testUsers.dan.id, accountEnabled: true },
    ]);
    expect((answers.get("2")?.body?.["value"] as unknown[]).length).toBe(3);
    expect(answers.get("3")?.body?.["value"]).toEqual([testGroups.pilot]);
    expect(answers.get("4")?.status).toBe(200);
    expect(answers.get("5")?.status).toBe(404);
    expect(emu.state().counters.faults["503"]).toBe(0);
  });

  it("a batch with one write among its items counts as a write: the fault hits the whole batch", async () => {
    const token = await appToken(emu);
    const before = emu.state().counters.faults["503"];
    const result = await graphCall(emu, token, "POST", "/$batch", {
      requests: [
        { id: "1", method: "GET", url: `/users/${testUsers.dan.id}` },
        {
          id: "2",
          method: "POST",
          url: inventory,
          headers: { "Content-Type": "application/json" },
          body: newToken(),
        },
      ],
    });
    expect(result.status).toBe(503);
    expect(emu.state().counters.faults["503"]).toBe(before + 1);
  });
});

describe("emulator: $batch items get their own 403 and 429", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ writeRate: 1 });
  });
  afterAll(() => emu.stop());

  it("a delegated token without the scope gets 403 on that item only; each write is charged on its own", async () => {
    const token = await delegatedToken(emu, testUsers.admin.userPrincipalName, [
      "User.Read.All",
      "Policy.ReadWrite.AuthenticationMethod",
    ]);
    const write = (id: string) => ({
      id,
      method: "POST",
      url: inventory,
      headers: { "Content-Type": "application/json" },
      body: newToken(),
    });
    const result = await graphCall(emu, token, "POST", "/$batch", {
      requests: [
        { id: "users", method: "GET", url: `/users/${testUsers.ana.id}` },
        { id: "methods", method: "GET", url: `/users/${testUsers.ana.id}/authentication/methods` },
        write("w1"),
        write("w2"),
        write("w3"),
      ],
    });
    const items = new Map(
      (result.body["responses"] as Array<{ id: string; status: number }>).map((r) => [
        r.id,
        r.status,
      ]),
    );
    expect(items.get("users")).toBe(200);
    expect(items.get("methods")).toBe(403);
    const writes = ["w1", "w2", "w3"].map((id) => items.get(id));
    expect(writes).toContain(201);
    expect(writes).toContain(429);
  });
});
