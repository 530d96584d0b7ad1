import { createHash } from "node:crypto";
import { aadError } from "./aad-error.js";
import { graphAudience, userTokens } from "./delegated-tokens.js";
import type { EntraConfig } from "./entra-config.js";
import type { GraphResponse } from "./route-table.js";
import { clientCredentials } from "./client-credentials.js";

/**
POST /{tenant}/oauth2/v2.0/token: client credentials (the emulator's confidential client), and
for any public client id the device code, authorization code (PKCE) and refresh token grants.
Errors are AADSTS-shaped (docs/emulator.md § Entra errors).
*/
/** E1 documents the RFC 8628 name; MSAL sends the short one. Entra takes both. */
const deviceCodeGrants = ["urn:ietf:params:oauth:grant-type:device_code", "device_code"];

function deviceCode(form: URLSearchParams, config: EntraConfig): GraphResponse {
  const now = config.now();
  const entry = config.signIns.deviceCodes.get(form.get("device_code") ?? "");
  if (
    entry === undefined ||
    entry.clientId !== form.get("client_id") ||
    entry.status === "redeemed"
  ) {
    return aadError(400, "bad_verification_code", 70018, "The device_code is not recognized.", now);
  }
  if (now >= entry.expiresAt) {
    return aadError(
      400,
      "expired_token",
      70019,
      "The device code has expired; start the sign-in again.",
      now,
    );
  }
  if (entry.status === "declined") {
    return aadError(400, "authorization_declined", 65004, "The user declined the sign-in.", now);
  }
  if (entry.status === "pending" || entry.user === undefined) {
    return aadError(
      400,
      "authorization_pending",
      70016,
      "The provided request has not yet been authorized by the user. The user must input their code.",
      now,
    );
  }
  entry.status = "redeemed";
  const scope = form.get("scope") ?? entry.scope;
  return userTokens(config, {
    clientId: entry.clientId,
    scope,
    user: entry.user,
    nonce: null,
    grant: "device_code",
  });
}

function pkceMatches(verifier: string, challenge: string, method: "S256" | "plain"): boolean {
  const computed =
    method === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
  return computed === challenge;
}

function authorizationCode(form: URLSearchParams, config: EntraConfig): GraphResponse {
  const now = config.now();
  const code = form.get("code") ?? "";
  const entry = config.signIns.codes.get(code);
  config.signIns.codes.delete(code); // single use, also when the redemption fails
  if (entry === undefined || now >= entry.expiresAt) {
    return aadError(
      400,
      "invalid_grant",
      54005,
      "The authorization code is unknown, expired or already redeemed.",
      now,
    );
  }
  if (entry.clientId !== form.get("client_id") || entry.redirectUri !== form.get("redirect_uri")) {
    return aadError(
      400,
      "invalid_grant",
      50011,
      "The client id or redirect URI differs from the authorization request.",
      now,
    );
  }
  const verifier = form.get("code_verifier");
  if (verifier === null || !pkceMatches(verifier, entry.codeChallenge, entry.codeChallengeMethod)) {
    return aadError(
      400,
      "invalid_grant",
      501481,
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
      now,
    );
  }
  const scope = form.get("scope") ?? entry.scope;
  return userTokens(config, {
    clientId: entry.clientId,
    scope,
    user: entry.user,
    nonce: entry.nonce,
    grant: "authorization_code",
  });
}

function refreshToken(form: URLSearchParams, config: EntraConfig): GraphResponse {
  const now = config.now();
  const entry = config.signIns.refreshTokens.get(form.get("refresh_token") ?? "");
  if (entry === undefined || entry.clientId !== form.get("client_id")) {
    return aadError(
      400,
      "invalid_grant",
      9002313,
      "The refresh token is not valid for this client.",
      now,
    );
  }
  const scope = form.get("scope") ?? `${graphAudience}/.default openid profile offline_access`;
  return userTokens(config, {
    clientId: entry.clientId,
    scope,
    user: entry.user,
    nonce: null,
    grant: "refresh_token",
  });
}

export function tokenEndpoint(form: URLSearchParams, config: EntraConfig): GraphResponse {
  const grant = form.get("grant_type") ?? "";
  switch (deviceCodeGrants.includes(grant) ? "device_code" : grant) {
    case "client_credentials":
      return clientCredentials(form, config);
    case "device_code":
      return deviceCode(form, config);
    case "authorization_code":
      return authorizationCode(form, config);
    case "refresh_token":
      return refreshToken(form, config);
    default:
      return aadError(
        400,
        "unsupported_grant_type",
        70003,
        "The emulator supports the client_credentials, device_code, authorization_code and refresh_token grants.",
        config.now(),
      );
  }
}
