import { decodePayload } from "./token-claims.js";

/**
What an access token grants, read from its claims without verifying the signature (Graph verifies
it): a person's delegated permissions (`scp`, space-separated), an app's permissions (`roles`),
and a person's directory roles (`wids`, role template ids). For `whoami` and for a permission
check before writing. `wids` lists only built-in roles, and only when the token carries them.
*/
export type TokenGrants = {
  /** Delegated permissions (a person) — OpenID scopes left out. */
  scopes: string[];
  /** Application permissions (an app). */
  appRoles: string[];
  /** Directory roles by name where known, else their template id. */
  directoryRoles: string[];
};

/** The built-in roles oathkit's commands need, by template id (Microsoft Entra built-in roles). */
export const roleNames: Readonly<Record<string, string>> = {
  "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
  "f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
  "c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
  "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
  "0526716b-113d-4c15-b2c8-68e3c22b9f80": "Authentication Policy Administrator",
  // Every member's own role: carried by most tokens, grants nothing oathkit needs.
  "b79fbf4d-3ef9-4689-8143-76b194e85509": "User",
};

const openIdScopes = new Set(["openid", "profile", "email", "offline_access"]);

export function tokenGrants(token: string): TokenGrants {
  const claims = decodePayload(token) ?? {};
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const scp = typeof claims["scp"] === "string" ? claims["scp"].split(" ") : [];
  return {
    scopes: scp.filter((s) => s !== "" && !openIdScopes.has(s)),
    appRoles: strings(claims["roles"]),
    directoryRoles: strings(claims["wids"])
      .map((id) => roleNames[id.toLowerCase()] ?? id)
      .filter((name) => name !== "User"),
  };
}
