import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeviceCodeCredential, InteractiveBrowserCredential } from "@azure/identity";
import type { DeviceCodeInfo } from "@azure/identity";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator, testUsers } from "../helpers/emulator.js";
import { fakeBrowserEnv, withEnv } from "../helpers/fake-browser.js";

/** Microsoft Graph PowerShell's public client id: any client id is accepted for public-client flows. */
const publicClient = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
const scope = "https://graph.microsoft.com/UserAuthenticationMethod.ReadWrite.All";

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

async function me(emu: RunningEmulator, token: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${emu.url}/beta/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

const options = (emu: RunningEmulator) => ({
  tenantId: emu.tenantId,
  clientId: publicClient,
  authorityHost: emu.url,
  disableInstanceDiscovery: true,
});

describe("delegated sign-in through the real @azure/identity, --auto-approve", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ autoApprove: true, tokenTtlSec: 1 });
  });
  afterAll(() => emu.stop());

  it("device code: signs in as the first user with a directory role; the token carries scp, upn, oid, tid and wids", async () => {
    const prompts: DeviceCodeInfo[] = [];
    const credential = new DeviceCodeCredential({
      ...options(emu),
      userPromptCallback: (info) => void prompts.push(info),
    });
    const scopes = [scope, "https://graph.microsoft.com/User.Read"];
    const { token } = await credential.getToken(scopes);
    expect(prompts[0]?.verificationUri).toBe(`${emu.url}/devicelogin`);
    expect(claims(token)).toMatchObject({
      idtyp: "user",
      upn: testUsers.admin.userPrincipalName,
      oid: testUsers.admin.id,
      tid: emu.tenantId,
      appid: publicClient,
      scp: "UserAuthenticationMethod.ReadWrite.All User.Read openid profile",
      wids: ["c4e39bd9-1100-46d3-8c65-fb160da0071f", "0526716b-113d-4c15-b2c8-68e3c22b9f80"],
    });
    expect(await me(emu, token)).toMatchObject({
      userPrincipalName: testUsers.admin.userPrincipalName,
    });
    // The 1-second token is inside MSAL's refresh window: the next call redeems the refresh token.
    await new Promise((r) => setTimeout(r, 1100));
    const again = await credential.getToken(scopes);
    expect(again.token).not.toBe(token);
    expect(emu.state().counters.signIns).toMatchObject({ device_code: 1, refresh_token: 1 });
  });

  it("browser (authorization code + PKCE): the real loopback redirect, the browser stood in by $BROWSER", async () => {
    const credential = new InteractiveBrowserCredential({ ...options(emu), loginHint: undefined });
    const { token } = await withEnv(fakeBrowserEnv(emu.caFile), () => credential.getToken(scope));
    expect(claims(token)).toMatchObject({ upn: testUsers.admin.userPrincipalName, idtyp: "user" });
    expect(emu.state().counters.signIns["authorization_code"]).toBe(1);
  });
});

describe("delegated sign-in waiting for a person", () => {
  let emu: RunningEmulator;
  const waiting: string[] = [];
  beforeAll(async () => {
    emu = await startTestEmulator({
      deviceCodeIntervalSec: 1,
      signInAs: testUsers.reader.userPrincipalName,
      consentedScopes: ["User.Read", "Policy.Read.All"],
      onSignInWaiting: (prompt) => void waiting.push(prompt.kind),
    });
  });
  afterAll(() => emu.stop());

  it("device code: pending until approved on the device login page as the chosen user; scopes limited to the consented ones", async () => {
    const credential = new DeviceCodeCredential({
      ...options(emu),
      userPromptCallback: (info) => {
        void fetch(`${emu.url}/devicelogin`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            user_code: info.userCode,
            upn: testUsers.ben.userPrincipalName,
            decision: "approve",
          }).toString(),
        });
      },
    });
    const { token } = await credential.getToken("https://graph.microsoft.com/.default");
    expect(claims(token)).toMatchObject({
      upn: testUsers.ben.userPrincipalName,
      scp: "User.Read Policy.Read.All openid profile",
      wids: [],
    });
    expect(waiting).toContain("device-code");
  });

  it("device code: a declined sign-in fails with authorization_declined", async () => {
    const credential = new DeviceCodeCredential({
      ...options(emu),
      userPromptCallback: (info) => {
        void fetch(`${emu.url}/devicelogin`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ user_code: info.userCode, decision: "decline" }).toString(),
        });
      },
    });
    await expect(credential.getToken(scope)).rejects.toThrow(/authorization_declined|AADSTS65004/u);
  });

  it("browser: the approval page preselects --sign-in-as; approving redirects with a code", async () => {
    const credential = new InteractiveBrowserCredential(options(emu));
    const { token } = await withEnv(fakeBrowserEnv(emu.caFile), () => credential.getToken(scope));
    // UserAuthenticationMethod.ReadWrite.All is not consented: the token carries the consented
    // permissions (Entra's consent is additive) and never the one asked for.
    expect(claims(token)).toMatchObject({
      upn: testUsers.reader.userPrincipalName,
      scp: "User.Read Policy.Read.All openid profile",
    });
    expect(waiting).toContain("browser");
  });
});
