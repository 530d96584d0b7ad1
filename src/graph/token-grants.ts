import { grantedClaims } from "./token-claims.js";

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

/**
The built-in directory roles oathkit's commands need, by template id (the same in every tenant;
`wids`, `roleTemplateId`; Microsoft Entra built-in roles).
*/
export const roleIds = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  globalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  authenticationAdministrator: "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  privilegedAuthenticationAdministrator: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
  authenticationPolicyAdministrator: "0526716b-113d-4c15-b2c8-68e3c22b9f80",
} as const;

/** Every member's own role: carried by most tokens, grants nothing oathkit needs. */
const userRoleId = "b79fbf4d-3ef9-4689-8143-76b194e85509";

const roleNames: Readonly<Record<string, string>> = {
  [roleIds.globalAdministrator]: "Global Administrator",
  [roleIds.globalReader]: "Global Reader",
  [roleIds.authenticationAdministrator]: "Authentication Administrator",
  [roleIds.privilegedAuthenticationAdministrator]: "Privileged Authentication Administrator",
  [roleIds.authenticationPolicyAdministrator]: "Authentication Policy Administrator",
  [userRoleId]: "User",
};

/** OpenID scopes a delegated token lists beside Graph's permissions (lower case). */
export const openIdScopes: ReadonlySet<string> = new Set([
  "openid",
  "profile",
  "email",
  "offline_access",
]);

export function tokenGrants(token: string): TokenGrants {
  const granted = grantedClaims(token);
  const person = granted?.kind === "delegated" ? granted : null;
  return {
    scopes: (person?.permissions ?? []).filter((s) => !openIdScopes.has(s)),
    appRoles: granted?.kind === "app" ? [...granted.permissions] : [],
    directoryRoles: (person?.roleTemplateIds ?? [])
      .map((id) => roleNames[id.toLowerCase()] ?? id)
      .filter((name) => name !== "User"),
  };
}
