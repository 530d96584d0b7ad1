/**
What a delegated sign-in asks for (issue #11 item 6). Without `--client-id`, device-code and
browser sign-in use the public client Microsoft Graph PowerShell uses, so no app registration is
needed, and they ask for exactly the delegated permissions the command needs (docs/graph-adapter.md
§ Scopes): reading the inventory needs less than writing it.
*/
export const publicClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
export const publicClientName = "Microsoft Graph PowerShell";

/** What a command does with the tenant: `sign-in` (login) asks for what every command needs. */
export const purposes = ["read", "write", "sign-in"] as const;
export type Purpose = (typeof purposes)[number];

const graphResource = "https://graph.microsoft.com";

// list: the inventory (Policy.Read.All) and the holders' UPNs (User.Read.All).
const read = ["Policy.Read.All", "User.Read.All"];
// import, activate, remove: create/delete tokens and read the policy, assign/activate/unassign,
// count a user's methods, look users up; and whether each user is in the groups the hardware
// OATH policy targets (pre-flight needs it whenever the policy is not for all users, which is
// not known before signing in).
const write = [
  "Policy.ReadWrite.AuthenticationMethod",
  "UserAuthenticationMethod.ReadWrite.All",
  "User.Read.All",
  "GroupMember.Read.All",
];

/** The delegated permissions each purpose needs (graph-api.md § 3, least privileged). */
export const delegatedPermissions: Record<Purpose, readonly string[]> = {
  read,
  write,
  // login: what every command needs, so the cached sign-in serves them all.
  "sign-in": [...read.filter((p) => !write.includes(p)), ...write],
};

/** The scope strings of a token request: the permissions on Graph, or `.default` for an app. */
export function tokenScopes(delegated: boolean, purpose: Purpose): readonly string[] {
  return delegated
    ? delegatedPermissions[purpose].map((p) => `${graphResource}/${p}`)
    : [`${graphResource}/.default`];
}
