import { aadError } from "./aad-error.js";
import type { EntraConfig } from "./entra-config.js";
import { issuer } from "./entra-config.js";
import type { GraphResponse } from "./route-table.js";

/**
The client credentials grant, for the emulator's one confidential client (its id and secret):
an app token with `roles` (the configured application permissions).
*/
export function clientCredentials(form: URLSearchParams, config: EntraConfig): GraphResponse {
  const now = config.now();
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
  const issued = config.tokens.issueApp(
    {
      tenantId: config.tenantId,
      clientId: config.clientId,
      audience: (scopes[0] ?? "").slice(0, -"/.default".length),
      issuer: issuer(config),
    },
    config.appRoles,
  );
  config.counters.signIns["client_credentials"] =
    (config.counters.signIns["client_credentials"] ?? 0) + 1;
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
