import { aadError } from "./aad-error.js";
import { parseScopes, ScopeError } from "./delegated-scopes.js";
import type { EntraConfig } from "./entra-config.js";
import type { GraphResponse } from "./route-table.js";
import { deviceLoginPage, messagePage } from "./sign-in-pages.js";

/**
The device authorization grant (E1): POST /{tenant}/oauth2/v2.0/devicecode answers `device_code`,
`user_code`, `verification_uri`, `expires_in`, `interval` and `message`; the client then polls the
token endpoint. With --auto-approve the code is approved at once as the sign-in user; otherwise a
person approves it at `verification_uri` (GET/POST /devicelogin).
*/
export function deviceCodeEndpoint(form: URLSearchParams, config: EntraConfig): GraphResponse {
  const now = config.now();
  const clientId = form.get("client_id") ?? "";
  const scope = form.get("scope") ?? "";
  if (clientId === "") {
    return aadError(
      400,
      "invalid_request",
      900144,
      "The request body must contain the parameter 'client_id'.",
      now,
    );
  }
  try {
    parseScopes(scope, config.consentedScopes);
  } catch (error) {
    if (!(error instanceof ScopeError)) throw error;
    return aadError(400, "invalid_scope", 70011, error.message, now);
  }
  const entry = config.signIns.newDeviceCode(clientId, scope, now + config.deviceCodeTtlSec * 1000);
  const verificationUri = `${config.origin}/devicelogin`;
  if (config.autoApprove && config.signInAs !== undefined) {
    entry.status = "approved";
    entry.user = config.signInAs;
  } else {
    config.onSignInWaiting?.({
      kind: "device-code",
      userCode: entry.userCode,
      verificationUri,
      clientId,
    });
  }
  return {
    status: 200,
    body: {
      user_code: entry.userCode,
      device_code: entry.deviceCode,
      verification_uri: verificationUri,
      expires_in: config.deviceCodeTtlSec,
      interval: config.deviceCodeIntervalSec,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${entry.userCode} to authenticate.`,
    },
  };
}

/** GET /devicelogin: the page where a person enters the code (prefilled from `?code=`). */
export function deviceLoginGet(query: URLSearchParams, config: EntraConfig): GraphResponse {
  return deviceLoginPage(config.users.all(), config.signInAs, query.get("code") ?? "");
}

/** POST /devicelogin: approve or decline the code as the chosen user. */
export function deviceLoginPost(form: URLSearchParams, config: EntraConfig): GraphResponse {
  const entry = config.signIns.byUserCode(form.get("user_code") ?? "");
  if (entry === undefined || entry.status !== "pending" || config.now() >= entry.expiresAt) {
    return messagePage(
      400,
      "Sign-in not found",
      "That code is unknown, expired or already used. Start the sign-in again.",
    );
  }
  if (form.get("decision") === "decline") {
    entry.status = "declined";
    return messagePage(200, "Sign-in declined", "The application will be told that you declined.");
  }
  const user = config.users.find(form.get("upn") ?? "");
  if (user === undefined || !user.accountEnabled) {
    return messagePage(400, "Unknown user", "Choose one of the listed users.");
  }
  entry.status = "approved";
  entry.user = user;
  return messagePage(
    200,
    "Signed in",
    `You are signed in as ${user.userPrincipalName}. You can close this window.`,
  );
}
