/** Permission and role named after a 403 (docs/graph-adapter.md). */
export const needs = {
  inventoryRead: "Policy.Read.All (role Global Reader or Authentication Policy Administrator)",
  inventoryWrite:
    "Policy.ReadWrite.AuthenticationMethod (role Authentication Policy Administrator)",
  userMethods:
    "UserAuthenticationMethod.ReadWrite.All (role Authentication Administrator, or Privileged Authentication Administrator for admins)",
  userMethodsRead:
    "UserAuthenticationMethod.Read.All (role Authentication Administrator or Global Reader)",
  userRead: "User.Read.All (or Directory.Read.All)",
  policyRead: "Policy.Read.AuthenticationMethod (role Authentication Policy Administrator)",
} as const;

/** For pre-flight's reads beyond the calls above. */
export const checkNeeds = {
  groupMembership: "GroupMember.Read.All and User.Read.All (to check the policy's target groups)",
  ownRoles: "User.Read (to read the signed-in admin's directory roles)",
} as const;
