import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emulatorCredential, emulatorGraphClient, graphScope } from "../helpers/graph-client.js";
import { startTestEmulator, testUsers } from "../helpers/emulator.js";

describe("emulator sign-in (OAuth client credentials through the real @azure/identity)", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ tokenTtlSec: 1 });
  });
  afterAll(() => emu.stop());

  it("signs in with the emulator's client secret and calls Graph through the real client", async () => {
    const token = await emulatorCredential(emu).getToken(graphScope);
    // Shaped like Entra's: a JWT whose claims name the tenant and the app.
    const [, claims] = token.token.split(".");
    expect(JSON.parse(Buffer.from(claims!, "base64url").toString("utf8"))).toMatchObject({
      tid: emu.tenantId,
      appid: emu.clientId,
      idtyp: "app",
    });
    const user = await emulatorGraphClient(emu)
      .api(`/users/${testUsers.ana.userPrincipalName}`)
      .select("id,userType")
      .get();
    expect(user).toMatchObject({ id: testUsers.ana.id, userType: "Member" });
    expect(user).not.toHaveProperty("displayName");
  });

  it("refuses a wrong client secret with an AADSTS error", async () => {
    const error = await emulatorCredential(emu, "not-the-secret")
      .getToken(graphScope)
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toContain("AADSTS7000215");
  });

  it("answers 401 with WWW-Authenticate and the Graph envelope for an expired, unknown or missing token", async () => {
    const { token } = await emulatorCredential(emu).getToken(graphScope);
    await sleep(1100);
    const url = `${emu.url}/beta/users/${testUsers.ana.id}`;
    for (const authorization of [`Bearer ${token}`, "Bearer nonsense", undefined]) {
      const response = await fetch(url, {
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /u);
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(body.error["code"]).toBe("InvalidAuthenticationToken");
      expect(body.error["innerError"]).toHaveProperty("request-id");
    }
    // The real client simply signs in again: a 1-second token is inside MSAL's refresh window.
    const user = await emulatorGraphClient(emu).api(`/users/${testUsers.ana.id}`).get();
    expect(user.userPrincipalName).toBe(testUsers.ana.userPrincipalName);
  });

  it("serves the OpenID configuration and the instance discovery document MSAL asks for", async () => {
    const config = (await (
      await fetch(`${emu.url}/${emu.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(config["token_endpoint"]).toBe(`${emu.url}/${emu.tenantId}/oauth2/v2.0/token`);
    const discovery = (await (
      await fetch(`${emu.url}/common/discovery/instance?api-version=1.1`)
    ).json()) as Record<string, unknown>;
    expect(discovery["tenant_discovery_endpoint"]).toContain(emu.url);
  });

  it("refuses /me for an app-only token, as Graph does", async () => {
    const response = await fetch(`${emu.url}/beta/me/authentication/hardwareOathMethods`, {
      headers: {
        authorization: `Bearer ${(await emulatorCredential(emu).getToken(graphScope)).token}`,
      },
    });
    expect(response.status).toBe(400);
  });
});
