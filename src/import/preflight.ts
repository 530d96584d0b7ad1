import {
  decideClock,
  estimateSkew,
  type ClockDecision,
  type SkewEstimate,
} from "../activate/clock-skew.js";
import { TenantError } from "../errors.js";
import type { Device, DirectoryUser, GrantedAccess, MethodPolicy } from "../graph/port.js";
import { missingAccess, refuseMissingAccess, describeMissing } from "../job/access-check.js";
import { commandNeeds, permissionNeeds } from "../job/access-needs.js";
import { isTargeted, policyTargets, warnAboutPolicy, type PolicyTarget } from "./policy-targets.js";
import type { ProvisionOptions } from "./context.js";
import type { ProvisionEvent } from "../events/provision-events.js";
import type { RunDeps } from "../job/run-deps.js";
import type { Token } from "../validate/token-schema.js";

export type UserFacts = {
  user: DirectoryUser | null;
  existingMethods: number;
  /** Absent when the policy targets all users and excludes no one. */
  policyTarget?: PolicyTarget;
};

/** What the tenant looks like before anything is written (docs/provisioning.md). */
export type Preflight = {
  policyState: string;
  /** By lower-cased UPN. */
  users: Map<string, UserFacts>;
  /** Tenant devices for the file's serials, by serial. */
  devices: Map<string, Device>;
  estimate: SkewEstimate | null;
  clock: ClockDecision;
};

/**
Up to this many serials are looked up in JSON batches: four envelopes, sent side by side, take one
round trip, as the first page of a listing does. Above it one paged inventory listing is cheaper
(docs/provisioning.md).
*/
const listInsteadOfLookupAbove = 80;

type Options = Pick<
  ProvisionOptions,
  "concurrency" | "maxSkewMs" | "useServerTime" | "mode" | "command"
> & { dryRun: boolean };

/**
Read-only checks before any write: first what the sign-in may do (permissions and roles: a
refusal stops here), then the method policy, every user (exists, enabled, member, methods against
the cap), every serial already in the tenant, side by side; then, for a policy scoped to groups,
each user's place in it; and the clock's offset from Graph's `Date` headers.
*/
export async function runPreflight(
  tokens: readonly Token[],
  needUsers: boolean,
  options: Options,
  deps: RunDeps<ProvisionEvent>,
): Promise<Preflight> {
  const granted = await checkAccess(options, deps);
  const [policy, users, devices] = await Promise.all([
    deps.directory.getMethodPolicy(),
    needUsers ? lookUpUsers(tokens, deps) : Promise.resolve(new Map<string, UserFacts>()),
    lookUpSerials(tokens, deps),
  ]);
  warnAboutPolicy(policy, deps);
  if (needUsers && isTargeted(policy)) await placeInPolicy(policy, users, granted, options, deps);

  const estimate = estimateSkew(deps.directory.dateSamples());
  const clock = decideClock(estimate, options);
  const activating = options.command === "activate" || options.mode === "activate";
  if (activating && clock.use === "refuse") {
    const seconds = Math.round(clock.offsetMs / 1000);
    throw new TenantError(
      `This computer's clock is ${Math.abs(seconds)} s ${seconds > 0 ? "behind" : "ahead of"} Microsoft Graph's; codes computed from it would record that error as the tokens' drift.`,
      {
        hint: "Sync the clock (NTP), or pass --use-server-time to compute codes from Graph's clock instead.",
      },
    );
  }
  return { policyState: policy.state, users, devices, estimate, clock };
}

/** Each user by UPN, with their OATH method count read by UPN at the same time (JSON batches). */
async function lookUpUsers(
  tokens: readonly Token[],
  deps: RunDeps<ProvisionEvent>,
): Promise<Map<string, UserFacts>> {
  const upns = [...new Set(tokens.flatMap((t) => (t.upn === null ? [] : [t.upn.toLowerCase()])))];
  const read = await deps.directory.readUsers(upns);
  return new Map(
    upns.map((upn) => {
      const { user, oathMethods } = read.get(upn)!;
      return [upn, { user, existingMethods: oathMethods }];
    }),
  );
}

async function lookUpSerials(
  tokens: readonly Token[],
  deps: RunDeps<ProvisionEvent>,
): Promise<Map<string, Device>> {
  const serials = new Set(tokens.map((t) => t.serialNumber));
  if (serials.size <= listInsteadOfLookupAbove)
    return deps.directory.findDevicesBySerial([...serials]);
  const devices = new Map<string, Device>();
  for await (const device of deps.directory.listDevices()) {
    if (serials.has(device.serialNumber)) devices.set(device.serialNumber, device);
  }
  return devices;
}

/** The command's permissions and roles against the token's (a dry run only warns about writes). */
async function checkAccess(
  options: Options,
  deps: RunDeps<ProvisionEvent>,
): Promise<GrantedAccess | null> {
  const granted = await deps.directory.grantedAccess();
  const needs = commandNeeds(options.command, options.mode);
  refuseMissingAccess(
    `oathkit ${options.command}`,
    missingAccess(needs, granted, options.dryRun),
    granted,
  );
  const forWrites = missingAccess(needs, granted, false);
  if (options.dryRun && forWrites.permissions.length + forWrites.roles.length > 0) {
    deps.emit({
      type: "warning",
      code: "missing-write-access",
      message: `A real run would stop here: oathkit ${options.command} needs ${describeMissing(forWrites)} to write.`,
    });
  }
  return granted;
}

/** Sets each found, enabled member's place in a policy scoped to groups. */
async function placeInPolicy(
  policy: MethodPolicy,
  users: Map<string, UserFacts>,
  granted: GrantedAccess | null,
  options: Options,
  deps: RunDeps<ProvisionEvent>,
): Promise<void> {
  const needs = { permissions: [permissionNeeds.readGroups], roles: [] };
  refuseMissingAccess(
    `Checking the hardware OATH policy's target groups for oathkit ${options.command}`,
    missingAccess(needs, granted, options.dryRun),
    granted,
  );
  const candidates = [...users.values()].flatMap((f) =>
    f.user !== null && f.user.accountEnabled && f.user.userType.toLowerCase() !== "guest"
      ? [f.user]
      : [],
  );
  const targets = await policyTargets(policy, candidates, deps);
  for (const facts of users.values()) {
    const target = facts.user === null ? undefined : targets.get(facts.user.id);
    if (target !== undefined) facts.policyTarget = target;
  }
}
