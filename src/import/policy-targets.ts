import type { ProvisionEvent } from "../events/provision-events.js";
import type { DirectoryUser, MethodPolicy } from "../graph/port.js";
import type { RunDeps } from "../job/run-deps.js";

/** Where a user stands with the hardware OATH policy's targets. */
export type PolicyTarget = "in" | "outside" | "excluded";

const allUsers = "all_users";

/** True when the policy is not simply "all users": someone may be outside it. */
export function isTargeted(policy: MethodPolicy): boolean {
  return !policy.includeTargets.includes(allUsers) || policy.excludeTargets.length > 0;
}

/**
Each user's place in a targeted policy, by user id: excluded when in any excluded group
(exclusion wins), else in when the policy includes all users or one of their groups, else
outside. Membership is transitive (checkMemberGroups), read in batches through the port.
*/
export async function policyTargets(
  policy: MethodPolicy,
  users: readonly DirectoryUser[],
  deps: RunDeps<ProvisionEvent>,
): Promise<Map<string, PolicyTarget>> {
  const included = policy.includeTargets.filter((id) => id !== allUsers);
  const everyone = policy.includeTargets.includes(allUsers);
  const groups = [...new Set([...included, ...policy.excludeTargets])];
  const ids = [...new Set(users.map((u) => u.id))];
  const members =
    groups.length === 0 || ids.length === 0
      ? new Map<string, Set<string>>()
      : await deps.directory.memberOfGroups(ids, groups);
  const targets = new Map<string, PolicyTarget>();
  for (const id of ids) {
    const of = members.get(id) ?? new Set<string>();
    if (policy.excludeTargets.some((g) => of.has(g))) targets.set(id, "excluded");
    else if (everyone || included.some((g) => of.has(g))) targets.set(id, "in");
    else targets.set(id, "outside");
  }
  return targets;
}

/** Microsoft: a change "can take up to 20 minutes … allow an hour" (Entra's OATH how-to). */
const propagationMs = 60 * 60 * 1000;

/** Warnings about the policy: not enabled, or changed within the hour. */
export function warnAboutPolicy(policy: MethodPolicy, deps: RunDeps<ProvisionEvent>): void {
  const hour = "Microsoft allows up to an hour for a policy change to apply";
  if (policy.state !== "enabled") {
    deps.emit({
      type: "warning",
      code: "policy-not-enabled",
      message: `The hardware OATH authentication method is "${policy.state}" in this tenant; users cannot sign in with these tokens until it is enabled (Entra ID → Authentication methods → Hardware OATH tokens), and ${hour}.`,
    });
    return;
  }
  const changed =
    policy.lastModifiedDateTime === null ? NaN : Date.parse(policy.lastModifiedDateTime);
  const age = deps.now() - changed;
  if (Number.isNaN(changed) || age >= propagationMs) return; // a future time: just changed
  const minutes = Math.max(1, Math.round(age / 60_000));
  const ready = new Date(changed + propagationMs).toISOString().slice(11, 16);
  deps.emit({
    type: "warning",
    code: "policy-changed-recently",
    message: `The authentication methods policy changed ${minutes} min ago; ${hour}, so users may not be able to sign in with these tokens until about ${ready} UTC.`,
  });
}
