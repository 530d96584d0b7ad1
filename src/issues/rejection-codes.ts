/**
Every code pre-flight can give a valid row it will not send (a `row-rejected` event, the report's
`error code` column). The README's table of rejection codes is checked against this list by a
test. Codes are stable kebab-case identifiers: scripts match on them. Never rename one.
*/
export const rejectionCodes = {
  "upn-missing": "The row has no UPN, and the operation needs one (no upn column and no --map).",
  "user-not-found": "No user with this UPN exists in the tenant.",
  "user-disabled": "The user's account is disabled.",
  "user-guest": "The user is a guest; Entra does not allow hardware OATH tokens for guests.",
  "user-method-cap":
    "The user would have more than five OATH tokens or authenticator apps (hardware OATH, software OATH and Microsoft Authenticator methods count together).",
  "user-not-in-policy-target":
    "The user is not in the hardware OATH policy's target groups: they could not sign in with the token.",
  "user-excluded-by-policy":
    "The user is in a group the hardware OATH policy excludes: they could not sign in with the token.",
  "serial-not-in-tenant": "activate: the serial is not in the tenant's inventory; import it first.",
  "held-by-another-user": "The serial is already assigned to another user in the tenant.",
} as const;

export type RejectionCode = keyof typeof rejectionCodes;
