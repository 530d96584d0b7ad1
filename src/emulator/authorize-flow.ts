import { clientInfo } from "./delegated-tokens.js";
import { parseScopes, ScopeError } from "./delegated-scopes.js";
import type { EntraConfig } from "./entra-config.js";
import type { GraphResponse } from "./route-table.js";
import type { AuthorizeEntry } from "./sign-ins.js";
import { approvalPage, messagePage } from "./sign-in-pages.js";
import type { EmulatorUser } from "./users.js";

/**
The authorization code grant with PKCE (E2): GET /{tenant}/oauth2/v2.0/authorize redirects to the
client's loopback redirect URI with `code` and `state` (at once with --auto-approve, else after a
person approves on the page it shows). Only loopback http redirect URIs are accepted, as Entra
allows any port on them for public clients; anything else is an error page, never a redirect.
*/
const codeLifetimeMs = 10 * 60_000;
const requestLifetimeMs = 15 * 60_000;

function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      url.protocol === "http:" &&
      ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) &&
      url.hash === ""
    );
  } catch {
    return false;
  }
}

function redirect(entry: AuthorizeEntry, params: Record<string, string>): GraphResponse {
  const url = new URL(entry.redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  if (entry.state !== null) url.searchParams.set("state", entry.state);
  return { status: 302, headers: { Location: url.toString(), "Cache-Control": "no-store" } };
}

function approve(entry: AuthorizeEntry, user: EmulatorUser, config: EntraConfig): GraphResponse {
  const code = config.signIns.newCode({
    clientId: entry.clientId,
    redirectUri: entry.redirectUri,
    scope: entry.scope,
    nonce: entry.nonce,
    codeChallenge: entry.codeChallenge,
    codeChallengeMethod: entry.codeChallengeMethod,
    user,
    expiresAt: config.now() + codeLifetimeMs,
  });
  return redirect(entry, {
    code,
    ...(entry.clientInfo ? { client_info: clientInfo(user, config.tenantId) } : {}),
  });
}

export function authorizeGet(query: URLSearchParams, config: EntraConfig): GraphResponse {
  const title = "Sign-in refused";
  const clientId = query.get("client_id") ?? "";
  const redirectUri = query.get("redirect_uri") ?? "";
  if (clientId === "") return messagePage(400, title, "AADSTS900144: client_id is missing.");
  if (!isLoopbackRedirect(redirectUri)) {
    return messagePage(
      400,
      title,
      "AADSTS50011: the redirect URI must be a loopback http address (http://localhost:port).",
    );
  }
  if (query.get("response_type") !== "code") {
    return messagePage(400, title, "AADSTS700054: only response_type=code is supported.");
  }
  const mode = query.get("response_mode") ?? "query";
  if (mode !== "query")
    return messagePage(400, title, "The emulator answers with response_mode=query only.");
  const challenge = query.get("code_challenge") ?? "";
  const method = query.get("code_challenge_method") ?? "plain";
  if (challenge === "" || (method !== "S256" && method !== "plain")) {
    return messagePage(
      400,
      title,
      "AADSTS9002325: PKCE is required: send code_challenge with code_challenge_method S256.",
    );
  }
  const scope = query.get("scope") ?? "";
  try {
    parseScopes(scope, config.consentedScopes);
  } catch (error) {
    if (!(error instanceof ScopeError)) throw error;
    return messagePage(400, title, `AADSTS70011: ${error.message}`);
  }
  const entry = config.signIns.newAuthorizeRequest({
    clientId,
    redirectUri,
    scope,
    state: query.get("state"),
    nonce: query.get("nonce"),
    clientInfo: query.get("client_info") === "1",
    codeChallenge: challenge,
    codeChallengeMethod: method,
    expiresAt: config.now() + requestLifetimeMs,
  });
  if (config.autoApprove && config.signInAs !== undefined)
    return approve(entry, config.signInAs, config);
  const action = `/${config.tenantId}/oauth2/v2.0/authorize`;
  config.onSignInWaiting?.({
    kind: "browser",
    approvalUrl: `${config.origin}${action}?${query.toString()}`,
    clientId,
  });
  return approvalPage(action, entry.id, clientId, scope, config.users.all(), config.signInAs);
}

/** POST of the approval page: redirect with a code, or with `error=access_denied` when declined. */
export function authorizePost(form: URLSearchParams, config: EntraConfig): GraphResponse {
  const id = form.get("request") ?? "";
  const entry = config.signIns.authorizeRequests.get(id);
  config.signIns.authorizeRequests.delete(id);
  if (entry === undefined || config.now() >= entry.expiresAt) {
    return messagePage(
      400,
      "Sign-in not found",
      "This sign-in request is unknown, expired or already answered.",
    );
  }
  if (form.get("decision") !== "approve") {
    return redirect(entry, {
      error: "access_denied",
      error_description: "AADSTS65004: The user declined the sign-in.",
    });
  }
  const user = config.users.find(form.get("upn") ?? "");
  if (user === undefined || !user.accountEnabled) {
    return messagePage(400, "Unknown user", "Choose one of the listed users.");
  }
  return approve(entry, user, config);
}
