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
