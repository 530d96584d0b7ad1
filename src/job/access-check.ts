import { AuthError } from "../errors.js";
import type { GrantedAccess } from "../graph/port.js";
import { openIdScopes } from "../graph/token-grants.js";
import type { Need } from "./access-needs.js";

export type Missing = { permissions: string[]; roles: string[] };

/**
The needs `granted` does not meet. Compared without case. Roles are checked for a person only,
and only when their roles are known. A read need is left out when a missing write need would
meet it too (one name is enough: "needs UserAuthenticationMethod.ReadWrite.All", not also
".Read.All"); a dry run checks read needs only.
*/
export function missingAccess(
  needs: { permissions: readonly Need[]; roles: readonly Need[] },
  granted: GrantedAccess | null,
  dryRun: boolean,
): Missing {
  if (granted === null) return { permissions: [], roles: [] };
  const roles = granted.kind === "delegated" ? granted.roleTemplateIds : null;
  const asked = granted.kind === "delegated" ? (granted.asked ?? []) : [];
  return {
    permissions: unmet(needs.permissions, granted.permissions, dryRun, asked),
    roles: roles === null ? [] : unmet(needs.roles, roles, dryRun),
  };
}

/**
A person's sign-in asks for set permissions (graph/command-scopes.ts), and only those can be
consented into its token: a need is named by the permission the sign-in asks for that meets it
(Policy.ReadWrite.AuthenticationMethod for both Policy.Read… needs of `activate`), else by its
least privileged name.
*/
function unmet(
  needs: readonly Need[],
  held: readonly string[],
  dryRun: boolean,
  asked: readonly string[] = [],
): string[] {
  const wanted = new Set(asked.map((a) => a.toLowerCase()));
  const nameOf = (n: Need): string => n.anyOf.find((a) => wanted.has(a.toLowerCase())) ?? n.name;
  const have = new Set(held.map((h) => h.toLowerCase()));
  const missing = needs.filter(
    (n) => (!dryRun || n.use === "read") && !n.anyOf.some((a) => have.has(a.toLowerCase())),
  );
  const writes = missing.filter((n) => n.use === "write");
  return [
    ...new Set(
      missing
        .filter(
          (n) =>
            n.use === "write" || !writes.some((w) => w.anyOf.every((a) => n.anyOf.includes(a))),
        )
        .map(nameOf),
    ),
  ];
}

/** "X and Y and the Z role": what a refusal names. */
export function describeMissing(missing: Missing): string {
  const parts = [...missing.permissions];
  if (missing.roles.length === 1) parts.push(`the ${missing.roles[0]} role`);
  else if (missing.roles.length > 1) parts.push(`the ${joinAnd(missing.roles)} roles`);
  return joinAnd(parts);
}

const joinAnd = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/**
Stops before anything is written or read (exit 2) when the sign-in lacks what `what` needs, naming it and
what the token does grant.
*/
export function refuseMissingAccess(
  what: string,
  missing: Missing,
  granted: GrantedAccess | null,
  writes = true,
): void {
  if (missing.permissions.length === 0 && missing.roles.length === 0) return;
  const who = granted?.kind === "app" ? "This app's token" : "This sign-in";
  const held = (granted?.permissions ?? []).filter((p) => !openIdScopes.has(p.toLowerCase()));
  const has = held.length === 0 ? "no Graph permission" : held.join(", ");
  const steps = [
    ...(missing.permissions.length === 0
      ? []
      : [
          granted?.kind === "app"
            ? "grant the app these application permissions with admin consent"
            : "consent to these permissions for the app you sign in with",
        ]),
    ...(missing.roles.length === 0 ? [] : ["sign in as an admin who holds the role"]),
  ];
  throw new AuthError(
    `${what} needs ${describeMissing(missing)}. ${who} has ${has}.${writes ? " Nothing was written." : ""}`,
    {
      exitCode: 2,
      hint: `${capitalize(steps.join(", and "))}; the README's "Permissions and roles" lists what each command needs.`,
    },
  );
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
