import type { RunningEmulator } from "../../src/emulator/index.js";

/**
The device code grant spoken directly (RFC 8628 as Entra documents it), for tests that need
delegated tokens for several users quickly: ask for a code, approve it on the device login page
as `upn`, redeem it. The end-to-end check through MSAL is in delegated-sign-in.test.ts.
*/
export const publicClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

export async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

export const oauthUrl = (emu: RunningEmulator, endpoint: string): string =>
  `${emu.url}/${emu.tenantId}/oauth2/v2.0/${endpoint}`;

/** A delegated access token for `upn` carrying `scopes` (bare Graph permission names). */
export async function delegatedToken(
  emu: RunningEmulator,
  upn: string,
  scopes: readonly string[],
): Promise<string> {
  const scope = [
    ...scopes.map((s) => `https://graph.microsoft.com/${s}`),
    "openid",
    "offline_access",
  ].join(" ");
  const code = (await (
    await postForm(oauthUrl(emu, "devicecode"), { client_id: publicClientId, scope })
  ).json()) as { device_code: string; user_code: string };
  const approved = await postForm(`${emu.url}/devicelogin`, {
    user_code: code.user_code,
    upn,
    decision: "approve",
  });
  if (approved.status !== 200) throw new Error(`approval failed: ${approved.status}`);
  const token = (await (
    await postForm(oauthUrl(emu, "token"), {
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      client_id: publicClientId,
      device_code: code.device_code,
    })
  ).json()) as { access_token: string };
  return token.access_token;
}

/** Graph over fetch with a given bearer token; returns status and parsed body. */
export async function graphCall(
  emu: RunningEmulator,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{
  status: number;
  body: Record<string, unknown> & { value?: Array<Record<string, unknown>> };
}> {
  const response = await fetch(`${emu.url}/beta${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** An app-only token from the emulator's confidential client. */
export async function appToken(emu: RunningEmulator): Promise<string> {
  const response = await postForm(oauthUrl(emu, "token"), {
    grant_type: "client_credentials",
    client_id: emu.clientId,
    client_secret: emu.clientSecret,
    scope: "https://graph.microsoft.com/.default",
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
