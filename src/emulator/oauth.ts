import { aadError } from "./aad-error.js";
import { authorizeGet, authorizePost } from "./authorize-flow.js";
import { deviceCodeEndpoint, deviceLoginGet, deviceLoginPost } from "./device-code-flow.js";
import type { EntraConfig } from "./entra-config.js";
import { instanceDiscovery, openIdConfiguration } from "./openid.js";
import type { GraphResponse } from "./route-table.js";
import { tokenEndpoint } from "./token-endpoint.js";

/**
The Entra side (docs/emulator.md § Entra routes): discovery documents, the token, device code and
authorize endpoints of `/{tenant}/oauth2/v2.0/`, and the device login page. A tenant other than
the emulator's is AADSTS90002, as Entra answers an unknown tenant.
*/
export type { EntraConfig } from "./entra-config.js";

function tenantEndpoint(
  method: string,
  endpoint: string,
  query: URLSearchParams,
  form: URLSearchParams,
  config: EntraConfig,
): GraphResponse | undefined {
  if (method === "POST" && endpoint === "token") return tokenEndpoint(form, config);
  if (method === "POST" && endpoint === "devicecode") return deviceCodeEndpoint(form, config);
  if (method === "GET" && endpoint === "authorize") return authorizeGet(query, config);
  if (method === "POST" && endpoint === "authorize") return authorizePost(form, config);
  return undefined;
}

/** Answers the Entra paths; undefined when `url` is not one of them. */
export function handleOauth(
  method: string,
  url: URL,
  body: string,
  config: EntraConfig,
): GraphResponse | undefined {
  const segments = url.pathname.split("/").filter((s) => s !== "");
  const form = new URLSearchParams(body);
  const tenant = decodeURIComponent(segments[0] ?? "").toLowerCase();
  const rest = segments.slice(1).join("/");
  if (segments.length === 1 && tenant === "devicelogin") {
    if (method === "GET") return deviceLoginGet(url.searchParams, config);
    if (method === "POST") return deviceLoginPost(form, config);
  }
  if (method === "GET" && segments.slice(-2).join("/") === "discovery/instance") {
    return { status: 200, body: instanceDiscovery(config.origin, config.tenantId) };
  }
  const known =
    (method === "GET" && rest === "v2.0/.well-known/openid-configuration") ||
    (method === "GET" && rest === "discovery/v2.0/keys") ||
    /^oauth2\/v2\.0\/(token|devicecode|authorize)$/u.test(rest);
  if (!known || segments.length < 2) return undefined;
  if (tenant !== config.tenantId) {
    return aadError(400, "invalid_request", 90002, `Tenant '${tenant}' not found.`, config.now());
  }
  if (rest === "v2.0/.well-known/openid-configuration") {
    return { status: 200, body: openIdConfiguration(config.origin, config.tenantId) };
  }
  if (rest === "discovery/v2.0/keys") return { status: 200, body: { keys: [] } };
  return tenantEndpoint(method, rest.slice("oauth2/v2.0/".length), url.searchParams, form, config);
}
