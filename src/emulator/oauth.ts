import { randomUUID } from "node:crypto";
import type { AccessTokens } from "./access-tokens.js";
import type { GraphResponse } from "./route-table.js";

/**
The Entra side: the v2.0 token endpoint (client credentials only), the OpenID configuration MSAL
reads, and the instance-discovery document it asks for unless discovery is disabled. Errors use
the AADSTS shape MSAL parses (`error`, `error_description`, `error_codes`).
*/
export type OauthConfig = {
  origin: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  tokens: AccessTokens;
  now: () => number;
};

function aadError(
  status: number,
  error: string,
  code: number,
  text: string,
  now: number,
): GraphResponse {
  const traceId = randomUUID();
  const timestamp = new Date(now)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/u, "Z");
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${randomUUID()} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
    },
  };
}

function openIdConfiguration(config: OauthConfig): unknown {
  const authority = `${config.origin}/${config.tenantId}`;
  return {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      "client_secret_post",
      "private_key_jwt",
      "client_secret_basic",
    ],
    jwks_uri: `${config.origin}/${config.tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${config.origin}/${config.tenantId}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${config.origin}/oidc/userinfo`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "nbf", "tid"],
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: new URL(config.origin).host,
  };
}

function instanceDiscovery(config: OauthConfig): unknown {
  const host = new URL(config.origin).host;
  return {
    tenant_discovery_endpoint: `${config.origin}/${config.tenantId}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

function token(form: URLSearchParams, tenant: string, config: OauthConfig): GraphResponse {
  const now = config.now();
  if (tenant.toLowerCase() !== config.tenantId) {
    return aadError(400, "invalid_request", 90002, `Tenant '${tenant}' not found.`, now);
  }
  if (form.get("grant_type") !== "client_credentials") {
    return aadError(
      400,
      "unsupported_grant_type",
      70003,
      "The emulator supports only the client_credentials grant.",
      now,
    );
  }
  if (form.get("client_id") !== config.clientId) {
    return aadError(
      400,
      "unauthorized_client",
      700016,
      "Application was not found in the directory.",
      now,
    );
  }
  if (form.get("client_secret") !== config.clientSecret) {
    return aadError(401, "invalid_client", 7000215, "Invalid client secret provided.", now);
  }
  const scopes = (form.get("scope") ?? "")
    .split(" ")
    .filter((s) => s !== "" && !["openid", "profile", "offline_access"].includes(s));
  if (scopes.length !== 1 || !scopes[0]?.endsWith("/.default")) {
    return aadError(
      400,
      "invalid_scope",
      1002012,
      "The client credentials grant needs one scope ending in /.default.",
      now,
    );
  }
  const issued = config.tokens.issue({
    tenantId: config.tenantId,
    clientId: config.clientId,
    audience: `${(scopes[0] ?? "").slice(0, -"/.default".length)}`,
    issuer: `${config.origin}/${config.tenantId}/v2.0`,
  });
  return {
    status: 200,
    headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
    body: {
      token_type: "Bearer",
      expires_in: issued.expiresInSec,
      ext_expires_in: issued.expiresInSec,
      access_token: issued.token,
    },
  };
}

/** Answers the OAuth/OpenID paths; undefined when `path` is not one of them. */
export function handleOauth(
  method: string,
  path: string,
  body: string,
  config: OauthConfig,
): GraphResponse | undefined {
  const segments = path.split("/").filter((s) => s !== "");
  if (
    method === "GET" &&
    segments.length === 4 &&
    segments.slice(1).join("/") === "v2.0/.well-known/openid-configuration"
  ) {
    return { status: 200, body: openIdConfiguration(config) };
  }
  if (method === "GET" && segments.slice(-2).join("/") === "discovery/instance") {
    return { status: 200, body: instanceDiscovery(config) };
  }
  if (method === "GET" && segments.slice(1).join("/") === "discovery/v2.0/keys") {
    return { status: 200, body: { keys: [] } };
  }
  if (
    method === "POST" &&
    segments.length === 4 &&
    segments.slice(1).join("/") === "oauth2/v2.0/token"
  ) {
    return token(new URLSearchParams(body), decodeURIComponent(segments[0] ?? ""), config);
  }
  return undefined;
}
