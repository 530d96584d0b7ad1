import type { GrantedAccess, SignedInAs } from "./port.js";

/**
What an access token says about whom it was issued to. Entra's Graph tokens are JWTs; their claims
are read here without verifying the signature (the tenant verifies them; oathkit only records who
it ran as). An opaque token gives nothing, and that is not an error.

- `tid`: the tenant's id (a GUID, even when the tenant was given by domain name);
- a person: `upn`, else `preferred_username` (v2 tokens), else `unique_name`;
- an app (client credentials): `appid` (v1 tokens), else `azp` (v2 tokens).
*/
export function tokenClaims(token: string): {
  tenantId: string | null;
  signedInAs: SignedInAs | null;
  /** An app's display name (`app_displayname`, v1 tokens), for the pre-flight; null if absent. */
  appName: string | null;
} {
  const claims = decodePayload(token);
  if (claims === null) return { tenantId: null, signedInAs: null, appName: null };
  const text = (name: string): string | null => {
    const value = claims[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  };
  const person = text("upn") ?? text("preferred_username") ?? text("unique_name");
  const app = text("appid") ?? text("azp");
  const signedInAs: SignedInAs | null =
    person !== null && text("idtyp") !== "app"
      ? { kind: "user", id: person }
      : app !== null
        ? { kind: "app", id: app }
        : null;
  return { tenantId: text("tid"), signedInAs, appName: text("app_displayname") };
}

/**
What an access token grants (Entra's access token claims reference): a person's token lists its
delegated permissions in `scp` (space-separated) and their directory roles' template ids in
`wids`; an app's token lists its application permissions in `roles` (no `roles` claim: none).
Null for an opaque token. The roles in `wids` are those active at sign-in.
*/
export function grantedClaims(token: string): GrantedAccess | null {
  const claims = decodePayload(token);
  if (claims === null) return null;
  const words = (value: unknown): string[] =>
    typeof value === "string" ? value.split(" ").filter((w) => w !== "") : [];
  const list = (value: unknown): string[] | null =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : null;
  const scp = claims["scp"];
  if (claims["idtyp"] !== "app" && typeof scp === "string") {
    return { kind: "delegated", permissions: words(scp), roleTemplateIds: list(claims["wids"]) };
  }
  const roles = list(claims["roles"]);
  if (claims["idtyp"] === "app" || roles !== null) return { kind: "app", permissions: roles ?? [] };
  return null;
}

export function decodePayload(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
