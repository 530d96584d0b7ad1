import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { oauthUrl, postForm, publicClientId } from "../helpers/delegated.js";
import { startTestEmulator } from "../helpers/emulator.js";

/** The OAuth answers a client must handle, spoken directly (the MSAL round trips are in delegated-sign-in.test.ts). */
describe("emulator: the delegated OAuth endpoints, as Entra answers", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ autoApprove: true, deviceCodeTtlSec: 0.2 });
  });
  afterAll(() => emu.stop());

  const redirectUri = "http://localhost:43117";
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authorize = (extra: Record<string, string> = {}) =>
    fetch(
      `${oauthUrl(emu, "authorize")}?${new URLSearchParams({
        client_id: publicClientId,
        response_type: "code",
        redirect_uri: redirectUri,
        scope: "https://graph.microsoft.com/User.Read openid offline_access",
        state: "s1",
        code_challenge: challenge,
        code_challenge_method: "S256",
        ...extra,
      }).toString()}`,
      { redirect: "manual" },
    );
  const redeem = (code: string, codeVerifier: string) =>
    postForm(oauthUrl(emu, "token"), {
      grant_type: "authorization_code",
      client_id: publicClientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
    });
  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: string; error_description: string }).error;

  it("lists the token, authorization and device code endpoints in the OpenID configuration", async () => {
    const config = (await (
      await fetch(`${emu.url}/${emu.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(config).toMatchObject({
      authorization_endpoint: oauthUrl(emu, "authorize"),
      token_endpoint: oauthUrl(emu, "token"),
      device_authorization_endpoint: oauthUrl(emu, "devicecode"),
    });
  });

  it("redirects to the loopback URI with code and state; the code redeems once, with the right verifier only", async () => {
    const first = await authorize();
    expect(first.status).toBe(302);
    const location = new URL(first.headers.get("location") ?? "");
    expect(`${location.origin}`).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("s1");
    const wrong = await redeem(
      location.searchParams.get("code") ?? "",
      randomBytes(32).toString("base64url"),
    );
    expect(await errorOf(wrong)).toBe("invalid_grant");
    const again =
      new URL((await authorize()).headers.get("location") ?? "").searchParams.get("code") ?? "";
    const ok = await redeem(again, verifier);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, string>;
    expect(body["scope"]).toBe("https://graph.microsoft.com/User.Read openid");
    expect(body["refresh_token"]).toMatch(/^rt\./u);
    expect(await errorOf(await redeem(again, verifier))).toBe("invalid_grant");
    const otherClient = await postForm(oauthUrl(emu, "token"), {
      grant_type: "refresh_token",
      client_id: "someone-else",
      refresh_token: body["refresh_token"]!,
    });
    expect(await errorOf(otherClient)).toBe("invalid_grant");
  });

  it("sends an id_token (v2.0, for the client) only when openid was asked", async () => {
    const tokensFor = async (scope: string) => {
      const location = new URL((await authorize({ scope })).headers.get("location") ?? "");
      const response = await redeem(location.searchParams.get("code") ?? "", verifier);
      return (await response.json()) as Record<string, string>;
    };
    const signedIn = await tokensFor("https://graph.microsoft.com/User.Read openid");
    const claims = JSON.parse(
      Buffer.from(signedIn["id_token"]!.split(".")[1]!, "base64url").toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: publicClientId, tid: emu.tenantId, ver: "2.0" });
    expect(await tokensFor("https://graph.microsoft.com/User.Read")).not.toHaveProperty("id_token");
  });

  it("never redirects to a non-loopback URI, and needs PKCE", async () => {
    const away = await authorize({ redirect_uri: "https://evil.example/cb" });
    expect(away.status).toBe(400);
    expect(away.headers.get("location")).toBeNull();
    const noPkce = await authorize({ code_challenge: "" });
    expect(noPkce.status).toBe(400);
  });

  it("refuses scopes for other resources and .default mixed with named scopes (invalid_scope)", async () => {
    for (const scope of [
      "https://management.azure.com/user_impersonation",
      "https://graph.microsoft.com/.default https://graph.microsoft.com/User.Read",
    ]) {
      const response = await postForm(oauthUrl(emu, "devicecode"), {
        client_id: publicClientId,
        scope,
      });
      expect(await errorOf(response)).toBe("invalid_scope");
    }
  });

  it("answers expired_token once the device code has expired", async () => {
    const code = (await (
      await postForm(oauthUrl(emu, "devicecode"), { client_id: publicClientId, scope: "User.Read" })
    ).json()) as { device_code: string; interval: number; expires_in: number };
    expect(code.interval).toBe(5);
    await new Promise((r) => setTimeout(r, 300));
    const poll = await postForm(oauthUrl(emu, "token"), {
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      client_id: publicClientId,
      device_code: code.device_code,
    });
    expect(await errorOf(poll)).toBe("expired_token");
  });
});

describe("emulator: consented scopes", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({
      autoApprove: true,
      consentedScopes: ["https://graph.microsoft.com/User.Read", "Policy.Read.All"],
    });
  });
  afterAll(() => emu.stop());

  it("grants every consented permission (consent is additive), never one not consented; names bare or with Graph's URI; .default is the consented set", async () => {
    const grant = async (scope: string) => {
      const code = (await (
        await postForm(oauthUrl(emu, "devicecode"), { client_id: publicClientId, scope })
      ).json()) as { device_code: string };
      const token = (await (
        await postForm(oauthUrl(emu, "token"), {
          grant_type: "device_code",
          client_id: publicClientId,
          device_code: code.device_code,
        })
      ).json()) as { scope: string };
      return token.scope;
    };
    expect(await grant("user.read UserAuthenticationMethod.ReadWrite.All")).toBe(
      "User.Read Policy.Read.All",
    );
    expect(await grant("openid profile")).toBe("openid profile");
    expect(await grant("https://graph.microsoft.com/.default")).toBe(
      "https://graph.microsoft.com/User.Read https://graph.microsoft.com/Policy.Read.All https://graph.microsoft.com/.default",
    );
  });
});
