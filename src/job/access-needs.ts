import { roleIds } from "../graph/token-grants.js";
import type { ImportMode } from "../events/run-summary.js";

/**
What a command needs of the signed-in identity (the README's "Permissions and roles", from
Graph's permission tables). Each need is met by any of `anyOf` (the least
privileged first, then the ones above it); `name` is what a refusal says. A `read` need is enough
for a dry run; `write` needs only for a run that writes.
*/
export type Need = { name: string; anyOf: readonly string[]; use: "read" | "write" };

const directoryRead = ["Directory.Read.All", "Directory.ReadWrite.All"];
const policyWrite = "Policy.ReadWrite.AuthenticationMethod";
const methodsWrite = "UserAuthenticationMethod.ReadWrite.All";

export const permissionNeeds = {
  readPolicy: {
    name: "Policy.Read.AuthenticationMethod",
    anyOf: ["Policy.Read.AuthenticationMethod", policyWrite],
    use: "read",
  },
  readInventory: { name: "Policy.Read.All", anyOf: ["Policy.Read.All", policyWrite], use: "read" },
  writeInventory: { name: policyWrite, anyOf: [policyWrite], use: "write" },
  readUsers: {
    name: "User.Read.All",
    anyOf: ["User.Read.All", "User.ReadWrite.All", ...directoryRead],
    use: "read",
  },
  readMethods: {
    name: "UserAuthenticationMethod.Read.All",
    anyOf: ["UserAuthenticationMethod.Read.All", methodsWrite],
    use: "read",
  },
  writeMethods: { name: methodsWrite, anyOf: [methodsWrite], use: "write" },
  readGroups: {
    name: "GroupMember.Read.All",
    anyOf: ["GroupMember.Read.All", "Group.Read.All", "Group.ReadWrite.All", ...directoryRead],
    use: "read",
  },
} as const satisfies Record<string, Need>;

const r = roleIds;
export const roleNeeds = {
  readPolicy: {
    name: "Authentication Policy Administrator or Global Reader",
    anyOf: [r.authenticationPolicyAdministrator, r.globalReader, r.globalAdministrator],
    use: "read",
  },
  writeInventory: {
    name: "Authentication Policy Administrator",
    anyOf: [r.authenticationPolicyAdministrator, r.globalAdministrator],
    use: "write",
  },
  readMethods: {
    name: "Authentication Administrator or Global Reader",
    anyOf: [
      r.authenticationAdministrator,
      r.privilegedAuthenticationAdministrator,
      r.globalReader,
      r.globalAdministrator,
    ],
    use: "read",
  },
  writeMethods: {
    name: "Authentication Administrator",
    anyOf: [
      r.authenticationAdministrator,
      r.privilegedAuthenticationAdministrator,
      r.globalAdministrator,
    ],
    use: "write",
  },
} as const satisfies Record<string, Need>;

/** What import (by mode) or activate needs, before the policy's targets are known. */
export function commandNeeds(
  command: "import" | "activate",
  mode: ImportMode,
): { permissions: Need[]; roles: Need[] } {
  const p = permissionNeeds;
  const users = command === "activate" || mode !== "inventory";
  const permissions: Need[] = [p.readPolicy, p.readInventory];
  const roles: Need[] = [roleNeeds.readPolicy];
  if (command === "import") {
    permissions.push(p.writeInventory);
    roles.push(roleNeeds.writeInventory);
  }
  if (users) {
    permissions.push(p.readUsers, p.readMethods, p.writeMethods);
    roles.push(roleNeeds.readMethods, roleNeeds.writeMethods);
  }
  return { permissions, roles };
}

/** `list`: the inventory, and the holders' names. */
export function listNeeds(): { permissions: Need[]; roles: Need[] } {
  return {
    permissions: [permissionNeeds.readInventory, permissionNeeds.readUsers],
    roles: [roleNeeds.readPolicy],
  };
}

/** `remove`: look serials up, delete (not with unassign-only), and unassign when a token is held. */
export function removeNeeds(options: { delete: boolean; unassign: boolean }): {
  permissions: Need[];
  roles: Need[];
} {
  const p = permissionNeeds;
  const permissions: Need[] = [p.readInventory];
  const roles: Need[] = [roleNeeds.readPolicy];
  if (options.delete) {
    permissions.push(p.writeInventory);
    roles.push(roleNeeds.writeInventory);
  }
  if (options.unassign) {
    permissions.push(p.writeMethods);
    roles.push(roleNeeds.writeMethods);
  }
  return { permissions, roles };
}
