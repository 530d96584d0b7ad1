import type { Permission } from "./permissions.js";

/**
The permission each Graph operation needs, as its Microsoft page documents it: least privileged
first, then the higher ones the page lists. Sources in docs/emulator.md § Permissions.
*/
const directoryRead = ["Directory.Read.All", "Directory.ReadWrite.All"];
const methodsReadAll = [
  "UserAuthenticationMethod.Read.All",
  "UserAuthenticationMethod.ReadWrite.All",
];

/** List/get a user's methods, their hardware OATH methods (S12, S24, E14; roles S16 read-others). */
export const userMethodsRead: Permission = {
  delegated: [methodsReadAll],
  application: [methodsReadAll],
  self: [
    ["UserAuthenticationMethod.Read", "UserAuthenticationMethod.ReadWrite", ...methodsReadAll],
  ],
  roles: [
    "Global Reader",
    "Authentication Administrator",
    "Privileged Authentication Administrator",
  ],
};

/** Assign, activate, deactivate, unassign (S7, S8, S9, S10, S11; roles S16 write-others). */
export const userMethodsWrite: Permission = {
  delegated: [["UserAuthenticationMethod.ReadWrite.All"]],
  application: [["UserAuthenticationMethod.ReadWrite.All"]],
  self: [["UserAuthenticationMethod.ReadWrite", "UserAuthenticationMethod.ReadWrite.All"]],
  roles: ["Authentication Administrator", "Privileged Authentication Administrator"],
};

/** List and get inventory tokens (E11, S4; roles E11, S16 policy-read). */
export const devicesRead: Permission = {
  delegated: [["Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod"]],
  application: [["Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod"]],
  roles: ["Global Reader", "Authentication Policy Administrator"],
};

/** Create (single and bulk), update, delete inventory tokens (S2, S3, S5, S6). */
export const devicesWrite: Permission = {
  delegated: [["Policy.ReadWrite.AuthenticationMethod"]],
  application: [["Policy.ReadWrite.AuthenticationMethod"]],
  roles: ["Authentication Policy Administrator"],
};

/** Creating with `assignTo` also acts on the user (S3 for delegated; S20 draft for apps). */
export const assignOnCreate: Permission = {
  delegated: [["UserAuthenticationMethod.ReadWrite.All"]],
  application: [["UserAuthenticationMethod.ReadWrite.All"]],
  roles: ["Authentication Administrator", "Privileged Authentication Administrator"],
};

/** The hardware OATH configuration and the authentication methods policy (S15; S16 policy-read). */
export const policyRead: Permission = {
  delegated: [["Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod"]],
  application: [["Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod"]],
  roles: ["Global Reader", "Authentication Policy Administrator"],
};

/** PATCH of the hardware OATH configuration (S15; S16 policy-write). */
export const policyWrite: Permission = {
  delegated: [["Policy.ReadWrite.AuthenticationMethod"]],
  application: [["Policy.ReadWrite.AuthenticationMethod"]],
  roles: ["Authentication Policy Administrator"],
};

/** Reading every property of any user (a non-basic one needs it; E10). */
export const userReadAll = ["User.Read.All", "User.ReadWrite.All", ...directoryRead];

/** GET /users and /users/{id}; /me and one's own id need only User.Read (E10). */
export const usersRead: Permission = {
  delegated: [["User.ReadBasic.All", ...userReadAll]],
  application: [userReadAll],
  self: [["User.Read", "User.ReadWrite", "User.ReadBasic.All", ...userReadAll]],
};

const groupMemberRead = ["GroupMember.Read.All", "Group.Read.All", ...directoryRead];

/** POST /users/{id}/checkMemberGroups: a user permission and a group permission (E5). */
export const checkMemberGroups: Permission = {
  delegated: [["User.ReadBasic.All", ...userReadAll], groupMemberRead],
  application: [["User.ReadBasic.All", ...userReadAll], groupMemberRead],
  self: [["User.Read", ...userReadAll], groupMemberRead],
};

/** GET /users/{id}/transitiveMemberOf/microsoft.graph.directoryRole (E6). */
export const transitiveMemberOf: Permission = {
  delegated: [userReadAll],
  application: [userReadAll],
  self: [["User.Read", "Group.Read.All", "GroupMember.Read.All", ...userReadAll]],
};

/** What reveals a directoryRole's properties beyond `@odata.type` and `id` (E7). */
export const directoryRoleRead = [
  "RoleManagement.Read.Directory",
  "RoleManagement.ReadWrite.Directory",
  ...directoryRead,
];

/** GET /groups/{id} (E12). */
export const groupRead: Permission = {
  delegated: [[...groupMemberRead, "Group.ReadWrite.All"]],
  application: [[...groupMemberRead, "Group.ReadWrite.All"]],
};
