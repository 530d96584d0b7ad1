import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { appToken, delegatedToken, graphCall } from "../helpers/delegated.js";
import { inventory, newToken, startTestEmulator, testUsers } from "../helpers/emulator.js";

const policy =
  "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/hardwareOath";
const methodsOf = (id: string) => `/users/${id}/authentication/hardwareOathMethods`;

function expectDenied(result: { status: number; body: Record<string, unknown> }): void {
  expect(result.status).toBe(403);
  expect(result.body["error"]).toMatchObject({
    code: "Authorization_RequestDenied",
    message: "Insufficient privileges to complete the operation.",
    innerError: expect.objectContaining({ "request-id": expect.any(String) }),
  });
}

describe("permissions: app tokens carry roles, configurable", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ appRoles: ["Policy.Read.All", "User.Read.All"] });
  });
  afterAll(() => emu.stop());

  it("reads what the roles allow and is refused what they do not, with Graph's 403 envelope", async () => {
    const token = await appToken(emu);
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<
      string,
      unknown
    >;
    expect(claims["roles"]).toEqual(["Policy.Read.All", "User.Read.All"]);
    expect((await graphCall(emu, token, "GET", inventory)).status).toBe(200);
    expect((await graphCall(emu, token, "GET", `/users/${testUsers.ana.id}`)).status).toBe(200);
    expectDenied(await graphCall(emu, token, "POST", inventory, newToken()));
    expectDenied(await graphCall(emu, token, "GET", policy)); // needs Policy.Read.AuthenticationMethod
    expectDenied(
      await graphCall(emu, token, "GET", `/users/${testUsers.ana.id}/authentication/methods`),
    );
    expect(emu.state().devices).toEqual([]);
    expect(emu.state().counters.forbidden).toBe(3);
  });
});

describe("permissions: delegated tokens need the scope and, acting on others, the role", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());

  const all = [
    "Policy.ReadWrite.AuthenticationMethod",
    "UserAuthenticationMethod.ReadWrite.All",
    "User.Read.All",
  ];

  it("an Authentication Administrator + Authentication Policy Administrator creates and assigns to a non-admin", async () => {
    const token = await delegatedToken(emu, testUsers.admin.userPrincipalName, all);
    const created = await graphCall(
      emu,
      token,
      "POST",
      inventory,
      newToken({ assignTo: { id: testUsers.ana.id } }),
    );
    expect(created.status).toBe(201);
    expect((await graphCall(emu, token, "GET", policy)).status).toBe(200);
  });

  it("a missing scope is 403 even with the roles", async () => {
    const token = await delegatedToken(emu, testUsers.admin.userPrincipalName, [
      "User.Read.All",
      "Policy.Read.All",
    ]);
    expectDenied(await graphCall(emu, token, "POST", inventory, newToken()));
    const device = (
      await graphCall(
        emu,
        await delegatedToken(emu, testUsers.admin.userPrincipalName, all),
        "POST",
        inventory,
        newToken(),
      )
    ).body;
    expectDenied(
      await graphCall(emu, token, "POST", methodsOf(testUsers.ben.id), {
        device: { id: device["id"] },
      }),
    );
  });

  it("a missing role is 403 even with the scopes: Global Reader reads but cannot write", async () => {
    const token = await delegatedToken(emu, testUsers.reader.userPrincipalName, all);
    expect((await graphCall(emu, token, "GET", inventory)).status).toBe(200);
    expect(
      (await graphCall(emu, token, "GET", `/users/${testUsers.ben.id}/authentication/methods`))
        .status,
    ).toBe(200);
    expectDenied(await graphCall(emu, token, "POST", inventory, newToken()));
    expectDenied(
      await graphCall(emu, token, "PATCH", policy, {
        "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration",
        state: "disabled",
      }),
    );
    // A member without any role cannot read another user's methods.
    const plain = await delegatedToken(emu, testUsers.ben.userPrincipalName, all);
    expectDenied(
      await graphCall(emu, plain, "GET", `/users/${testUsers.ana.id}/authentication/methods`),
    );
  });

  it("creating with assignTo also needs the Authentication Administrator role (S3)", async () => {
    const policyAdminOnly = await delegatedToken(emu, testUsers.polly.userPrincipalName, all);
    expect((await graphCall(emu, policyAdminOnly, "POST", inventory, newToken())).status).toBe(201);
    const withAssign = newToken({ assignTo: { id: testUsers.ben.id } });
    expectDenied(await graphCall(emu, policyAdminOnly, "POST", inventory, withAssign));
    const bulk = { "@context": "#$delta", value: [newToken(), withAssign] };
    expectDenied(await graphCall(emu, policyAdminOnly, "PATCH", inventory, bulk));
  });

  it("an admin user as target needs Privileged Authentication Administrator, not Authentication Administrator", async () => {
    const admin = await delegatedToken(emu, testUsers.admin.userPrincipalName, all);
    const device = (await graphCall(emu, admin, "POST", inventory, newToken())).body;
    expectDenied(
      await graphCall(emu, admin, "POST", methodsOf(testUsers.reader.id), {
        device: { id: device["id"] },
      }),
    );
    const priv = await delegatedToken(emu, testUsers.priv.userPrincipalName, all);
    const assigned = await graphCall(emu, priv, "POST", methodsOf(testUsers.reader.id), {
      device: { id: device["id"] },
    });
    expect(assigned.status).toBe(201);
  });

  it("acting on oneself needs the self permission and no role", async () => {
    const token = await delegatedToken(emu, testUsers.dan.userPrincipalName, [
      "UserAuthenticationMethod.Read",
      "User.Read",
    ]);
    expect((await graphCall(emu, token, "GET", "/me/authentication/methods")).status).toBe(200);
    expect(
      (await graphCall(emu, token, "GET", `/users/${testUsers.dan.id}/authentication/methods`))
        .status,
    ).toBe(200);
    expectDenied(
      await graphCall(emu, token, "GET", `/users/${testUsers.ana.id}/authentication/methods`),
    );
    expect((await graphCall(emu, token, "GET", "/me")).body).toMatchObject({
      id: testUsers.dan.id,
    });
  });

  it("/me with an app token is still Graph's 400", async () => {
    expect((await graphCall(emu, await appToken(emu), "GET", "/me")).status).toBe(400);
  });
});
