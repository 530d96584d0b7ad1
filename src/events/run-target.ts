/**
Where a writing command (import, activate, remove) is about to write, and as whom: shown in the
pre-flight section before its question, in the plain plan lines and in `--json`'s preflight (or
remove's plan) event. For an admin with many tenants the line that matters most.
*/
export type RunTarget = {
  /** From the access token (`tid`), else the options. */
  tenantId: string;
  /** The tenant's domain when the options named it by one (`--tenant contoso.com`); else null. */
  tenantDomain: string | null;
  graphHost: string;
  /** A person's UPN, or an app's client id (with its display name when the token carries one). */
  signedInAs: { kind: "app" | "user"; id: string; name: string | null } | null;
  /** `--emulator`: a local tenant started for this run, not a real one. */
  emulator: boolean;
};
