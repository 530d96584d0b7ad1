/**
The hardware OATH method configuration of the authentication methods policy, as Graph returns it
(S15): `state`, `includeTargets` (authenticationMethodTarget: targetType, id, isRegistrationRequired)
and `excludeTargets` (excludeTarget: targetType, id). Graph keeps no "last modified" on the method
configuration; the enclosing authenticationMethodsPolicy has `lastModifiedDateTime` (E8), which
the emulator moves on every change of the configuration.
*/
export type IncludeTarget = { targetType: "group"; id: string; isRegistrationRequired: boolean };
export type ExcludeTarget = { targetType: "group"; id: string };

export type PolicyState = {
  state: "enabled" | "disabled";
  includeTargets: IncludeTarget[];
  excludeTargets: ExcludeTarget[];
  /** The authenticationMethodsPolicy's lastModifiedDateTime (ISO 8601). */
  lastModifiedDateTime: string;
};

/** The policy section of the users file, and the in-process option of the same shape. */
export type PolicyFile = {
  state?: "enabled" | "disabled" | undefined;
  includeTargets?: Array<{ id: string; isRegistrationRequired?: boolean | undefined }> | undefined;
  excludeTargets?: Array<{ id: string }> | undefined;
  lastModifiedDateTime?: string | undefined;
};

/** A fresh tenant's policy was last changed long ago: 30 days before the emulator started. */
const defaultAgeMs = 30 * 86_400_000;

export function initialPolicy(
  nowMs: number,
  ...layers: Array<PolicyFile | undefined>
): PolicyState {
  const policy: PolicyState = {
    state: "enabled",
    includeTargets: [{ targetType: "group", id: "all_users", isRegistrationRequired: false }],
    excludeTargets: [],
    lastModifiedDateTime: new Date(nowMs - defaultAgeMs).toISOString(),
  };
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer.state !== undefined) policy.state = layer.state;
    if (layer.includeTargets !== undefined) {
      policy.includeTargets = layer.includeTargets.map((t) => ({
        targetType: "group",
        id: t.id,
        isRegistrationRequired: t.isRegistrationRequired ?? false,
      }));
    }
    if (layer.excludeTargets !== undefined) {
      policy.excludeTargets = layer.excludeTargets.map((t) => ({ targetType: "group", id: t.id }));
    }
    if (layer.lastModifiedDateTime !== undefined) {
      policy.lastModifiedDateTime = new Date(layer.lastModifiedDateTime).toISOString();
    }
  }
  return policy;
}

/** Whether the policy's targets cover a user who is (transitively) in `groups`. */
export function policyCovers(policy: PolicyState, groups: ReadonlySet<string>): boolean {
  const included = policy.includeTargets.some((t) => t.id === "all_users" || groups.has(t.id));
  return included && !policy.excludeTargets.some((t) => groups.has(t.id));
}

/** The `--policy-*` flags as a policy layer; undefined when none is given. */
export function policyFromFlags(
  state: "enabled" | "disabled" | undefined,
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
): PolicyFile | undefined {
  if (state === undefined && include === undefined && exclude === undefined) return undefined;
  const targets = (ids: readonly string[] | undefined) => ids?.map((id) => ({ id }));
  return { state, includeTargets: targets(include), excludeTargets: targets(exclude) };
}
