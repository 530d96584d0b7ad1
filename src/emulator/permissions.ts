import type { DirectoryRoleName } from "./directory-roles.js";
import { directoryRoles } from "./directory-roles.js";
import { GraphHttpError } from "./http-error.js";
import type { EmulatorUser, UserDirectory } from "./users.js";

/** Who a Graph request acts as: an app (client credentials) or a signed-in user (delegated). */
export type Principal =
  | { kind: "app"; clientId: string; roles: readonly string[] }
  | { kind: "user"; clientId: string; userId: string; scopes: readonly string[] };

/** Each entry is one-of; all entries must hold (User.ReadBasic.All-or-… AND GroupMember.Read.All-or-…). */
export type AllOf = ReadonlyArray<readonly string[]>;

/**
What a Graph operation needs, from its page's permission table and role note (docs/emulator.md §
Permissions, with the source of each). `application: null` is "not supported" for app tokens.
`self` applies when a delegated caller acts on their own user object: no role is needed then.
`roles` (delegated, acting on others): any one of them, Global Administrator always counting.
*/
export type Permission = {
  delegated: AllOf;
  application: AllOf | null;
  self?: AllOf;
  roles?: readonly DirectoryRoleName[];
};

/** The application permissions an app token carries unless `appRoles` says otherwise. */
export const defaultAppRoles: readonly string[] = [
  "Policy.ReadWrite.AuthenticationMethod",
  "UserAuthenticationMethod.ReadWrite.All",
  "User.Read.All",
  "GroupMember.Read.All",
];

/** The delegated permissions `.default` expands to when no consented set is configured. */
export const knownDelegatedScopes: readonly string[] = [
  "User.Read",
  "User.ReadBasic.All",
  "User.Read.All",
  "GroupMember.Read.All",
  "Policy.Read.All",
  "Policy.Read.AuthenticationMethod",
  "Policy.ReadWrite.AuthenticationMethod",
  "UserAuthenticationMethod.Read.All",
  "UserAuthenticationMethod.ReadWrite.All",
  "RoleManagement.Read.Directory",
];

const denied = (): GraphHttpError =>
  new GraphHttpError(
    403,
    "Authorization_RequestDenied",
    "Insufficient privileges to complete the operation.",
  );

function holds(granted: readonly string[], need: AllOf): boolean {
  const set = new Set(granted.map((g) => g.toLowerCase()));
  return need.every((anyOf) => anyOf.some((p) => set.has(p.toLowerCase())));
}

/** Admin users (any directory role) need Privileged Authentication Administrator, not Authentication Administrator (S16, E4). */
function roleAllows(
  caller: EmulatorUser,
  roles: readonly DirectoryRoleName[],
  target?: EmulatorUser,
): boolean {
  const adminTarget = target !== undefined && target.roleIds.length > 0;
  const accepted = [...roles, "Global Administrator" as const].filter(
    (r) => !(adminTarget && r === "Authentication Administrator"),
  );
  return accepted.some((r) => caller.roleIds.includes(directoryRoles[r]));
}

/**
Throws Graph's 403 `Authorization_RequestDenied` when `principal` may not do what `permission`
describes to `target` (the user in the path, or the user a created token is assigned to).
*/
export function authorize(
  principal: Principal,
  permission: Permission,
  users: UserDirectory,
  target?: EmulatorUser,
): void {
  if (principal.kind === "app") {
    if (permission.application === null || !holds(principal.roles, permission.application)) {
      throw denied();
    }
    return;
  }
  const caller = users.findById(principal.userId);
  if (caller === undefined) throw denied();
  if (permission.self !== undefined && target?.id === caller.id) {
    if (!holds(principal.scopes, permission.self)) throw denied();
    return;
  }
  if (!holds(principal.scopes, permission.delegated)) throw denied();
  if (permission.roles !== undefined && !roleAllows(caller, permission.roles, target)) {
    throw denied();
  }
}

/** Whether the principal's granted permissions include any of `permissions` (for limited-information reads). */
export function grants(principal: Principal, permissions: readonly string[]): boolean {
  const granted = principal.kind === "app" ? principal.roles : principal.scopes;
  return holds(granted, [permissions]);
}
