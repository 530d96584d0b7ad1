import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@microsoft/microsoft-graph-client";
import { PageIterator } from "@microsoft/microsoft-graph-client";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { delegatedToken, graphCall } from "../helpers/delegated.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import type { Collection } from "../helpers/emulator.js";
import { graphError, startTestEmulator, testGroups, testUsers } from "../helpers/emulator.js";

type User = Record<string, unknown> & { id: string; userPrincipalName: string };

describe("emulator: users, methods, groups and roles a pre-flight reads", () => {
  let emu: RunningEmulator;
  let graph: Client;
  beforeAll(async () => {
    emu = await startTestEmulator({ pageSize: 4 });
    graph = emulatorGraphClient(emu, { retry: false });
  });
  afterAll(() => emu.stop());

  it("lists users page by page through @odata.nextLink, with Graph's default properties", async () => {
    const first: Collection<User> = await graph.api("/users").get();
    expect(first.value).toHaveLength(4);
    expect(first.value[0]).not.toHaveProperty("accountEnabled");
    expect(first.value[0]).toHaveProperty("businessPhones", []);
    const all: User[] = [];
    await new PageIterator(graph, first, (u: User) => {
      all.push(u);
      return true;
    }).iterate();
    expect(all.map((u) => u.id)).toContain(testUsers.polly.id);
    expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
  });

  it("filters users by userPrincipalName eq / in / startswith, with $select and $top", async () => {
    const one: Collection<User> = await graph
      .api("/users")
      .filter(`userPrincipalName eq '${testUsers.ben.userPrincipalName.toUpperCase()}'`)
      .select("id,accountEnabled,userType")
      .get();
    expect(one.value).toEqual([{ id: testUsers.ben.id, accountEnabled: true, userType: "Member" }]);
    const two: Collection<User> = await graph
      .api("/users")
      .filter(
        `userPrincipalName in ('${testUsers.ana.userPrincipalName}', '${testUsers.cat.userPrincipalName}')`,
      )
      .get();
    expect(two.value.map((u) => u.id).sort()).toEqual([testUsers.ana.id, testUsers.cat.id]);
    const prefixed: Collection<User> = await graph
      .api("/users")
      .filter("startswith(userPrincipalName,'p')")
      .top(1)
      .get();
    expect(prefixed.value).toHaveLength(1);
    expect(prefixed["@odata.nextLink"]).toMatch(/(\$|%24)top=1/u);
    const unsupported = await graphError(
      graph.api("/users").filter("endswith(userPrincipalName,'.example')").get(),
    );
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.code).toBe("Request_UnsupportedQuery");
  });

  it("lists Microsoft Authenticator and software OATH methods from the users file; the legacy count still reads", async () => {
    const dan: Collection<Record<string, unknown>> = await graph
      .api(`/users/${testUsers.dan.id}/authentication/methods`)
      .get();
    expect(dan.value.map((m) => m["@odata.type"])).toEqual([
      "#microsoft.graph.passwordAuthenticationMethod",
      "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
      "#microsoft.graph.softwareOathAuthenticationMethod",
    ]);
    expect(dan.value[1]).toMatchObject({
      displayName: "Dan's phone",
      phoneAppVersion: expect.any(String),
    });
    expect(emu.state().users.find((u) => u.id === testUsers.dan.id)?.methods).toBe(2);
    expect(emu.state().users.find((u) => u.id === testUsers.cat.id)?.methods).toBe(3);
  });

  it("checkMemberGroups answers transitive membership among up to 20 group ids", async () => {
    const ids = [testGroups.pilot, testGroups.nested, testGroups.other];
    const check = (id: string): Promise<{ value: string[] }> =>
      graph.api(`/users/${id}/checkMemberGroups`).post({ groupIds: ids });
    expect((await check(testUsers.ana.id)).value.sort()).toEqual(
      [testGroups.pilot, testGroups.nested].sort(),
    );
    expect((await check(testUsers.dan.id)).value).toEqual([testGroups.pilot]);
    expect((await check(testUsers.ben.id)).value).toEqual([]);
    const tooMany = await graphError(
      graph
        .api(`/users/${testUsers.ana.id}/checkMemberGroups`)
        .post({ groupIds: Array.from({ length: 21 }, () => testGroups.pilot) }),
    );
    expect(tooMany.statusCode).toBe(400);
    const group: Record<string, unknown> = await graph.api(`/groups/${testGroups.pilot}`).get();
    expect(group).toMatchObject({ id: testGroups.pilot, displayName: "OATH pilot" });
  });

  it("the signed-in admin's roles: template ids with RoleManagement.Read.Directory, limited information without", async () => {
    const path = "/me/transitiveMemberOf/microsoft.graph.directoryRole";
    const full = await delegatedToken(emu, testUsers.admin.userPrincipalName, [
      "User.Read",
      "RoleManagement.Read.Directory",
    ]);
    const roles = (await graphCall(emu, full, "GET", path)).body.value ?? [];
    expect(roles.map((r) => r["roleTemplateId"])).toEqual([
      "c4e39bd9-1100-46d3-8c65-fb160da0071f",
      "0526716b-113d-4c15-b2c8-68e3c22b9f80",
    ]);
    expect(roles[0]).toMatchObject({ displayName: "Authentication Administrator" });
    const basic = await delegatedToken(emu, testUsers.admin.userPrincipalName, ["User.Read"]);
    const limited = (await graphCall(emu, basic, "GET", path)).body.value ?? [];
    expect(limited).toHaveLength(2);
    expect(limited[0]).toMatchObject({
      "@odata.type": "#microsoft.graph.directoryRole",
      roleTemplateId: null,
      displayName: null,
    });
  });

  it("User.ReadBasic.All reads basic properties of others but cannot $select accountEnabled", async () => {
    const basic = await delegatedToken(emu, testUsers.admin.userPrincipalName, [
      "User.ReadBasic.All",
    ]);
    expect(
      (await graphCall(emu, basic, "GET", `/users/${testUsers.ana.id}?$select=id,displayName`))
        .status,
    ).toBe(200);
    expect(
      (await graphCall(emu, basic, "GET", `/users/${testUsers.ana.id}?$select=id,accountEnabled`))
        .status,
    ).toBe(403);
  });
});
