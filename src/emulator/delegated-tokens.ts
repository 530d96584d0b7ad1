import { aadError } from "./aad-error.js";
import { jwt } from "./access-tokens.js";
import { parseScopes, responseScope, ScopeError, scpClaim } from "./delegated-scopes.js";
import type { EntraConfig } from "./entra-config.js";
import { issuer } from "./entra-config.js";
import type { GraphResponse } from "./route-table.js";
import type { EmulatorUser } from "./users.js";

/** Graph's resource URI, the `aud` of the tokens it accepts. */
export const graphAudience = "https://graph.microsoft.com";

export type UserTokenRequest = {
  clientId: string;
  scope: string;
  user: EmulatorUser;
  nonce: string | null;
  grant: "device_code" | "authorization_code" | "refresh_token";
};

/** `client_info`: base64url JSON `{uid, utid}`, from which MSAL builds the account's home id. */
export function clientInfo(user: EmulatorUser, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: tenantId })).toString("base64url");
}

/**
The token response of a delegated grant (E1): `token_type`, `scope`, `expires_in`,
`ext_expires_in`, `access_token`, an `id_token` when `openid` was requested, a `refresh_token`
when `offline_access` was, and `client_info`.
*/
export function userTokens(config: EntraConfig, request: UserTokenRequest): GraphResponse {
  const now = config.now();
  let scopes;
  try {
    scopes = parseScopes(request.scope, config.consentedScopes);
  } catch (error) {
    if (!(error instanceof ScopeError)) throw error;
    return aadError(400, "invalid_scope", 70011, error.message, now);
  }
  const { user } = request;
  const issued = config.tokens.issueDelegated(
    {
      tenantId: config.tenantId,
      clientId: request.clientId,
      audience: graphAudience,
      issuer: `https://sts.windows.net/${config.tenantId}/`,
    },
    { user, scopes: scpClaim(scopes) },
  );
  config.counters.signIns[request.grant] = (config.counters.signIns[request.grant] ?? 0) + 1;
  const refresh = scopes.oidc.includes("offline_access")
    ? config.signIns.newRefreshToken({ clientId: request.clientId, user })
    : undefined;
  return {
    status: 200,
    headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
    body: {
      token_type: "Bearer",
      scope: responseScope(scopes),
      expires_in: issued.expiresInSec,
      ext_expires_in: issued.expiresInSec,
      access_token: issued.token,
      ...(refresh === undefined ? {} : { refresh_token: refresh }),
      ...(scopes.oidc.includes("openid") ? { id_token: idToken(config, request, now) } : {}),
      client_info: clientInfo(user, config.tenantId),
    },
  };
}

/** The OpenID Connect id_token (v2.0) of a delegated grant that asked for `openid`. */
function idToken(config: EntraConfig, request: UserTokenRequest, now: number): string {
  const { user } = request;
  const nowSec = Math.floor(now / 1000);
  return jwt({
    aud: request.clientId,
    iss: issuer(config),
    iat: nowSec,
    nbf: nowSec,
    exp: nowSec + config.tokens.ttlSec,
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    sub: user.id,
    tid: config.tenantId,
    ver: "2.0",
    ...(request.nonce === null ? {} : { nonce: request.nonce }),
  });
}
