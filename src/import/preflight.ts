import {
  decideClock,
  estimateSkew,
  type ClockDecision,
  type SkewEstimate,
} from "../activate/clock-skew.js";
import { TenantError } from "../errors.js";
import type { Device, DirectoryUser, MethodPolicy } from "../graph/port.js";
import type { ProvisionOptions } from "./context.js";
import type { ProvisionEvent } from "../events/provision-events.js";
import type { RunDeps } from "../job/run-deps.js";
import { forEachConcurrently } from "../job/pool.js";
import type { Token } from "../validate/token-schema.js";

export type UserFacts = { user: DirectoryUser | null; existingMethods: number };

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

/** Above this many serials one paged inventory listing is cheaper than one lookup per serial. */
const listInsteadOfLookupAbove = 40;

type Options = Pick<
  ProvisionOptions,
  "concurrency" | "maxSkewMs" | "useServerTime" | "mode" | "command"
>;

/**
Read-only checks before any write: the method policy, every user (exists, enabled, member, OATH
methods against the cap), every serial already in the tenant, and the clock's offset from Graph's
`Date` headers. The three lookups are independent, so they run side by side.
*/
export async function runPreflight(
  tokens: readonly Token[],
  needUsers: boolean,
  options: Options,
  deps: RunDeps<ProvisionEvent>,
): Promise<Preflight> {
  // Reads cost no write quota: look users and serials up wider than writes are sent.
  const readConcurrency = Math.max(options.concurrency * 2, 32);
  const [policy, users, devices] = await Promise.all([
    deps.directory.getMethodPolicy(),
    needUsers
      ? lookUpUsers(tokens, readConcurrency, deps)
      : Promise.resolve(new Map<string, UserFacts>()),
    lookUpSerials(tokens, readConcurrency, deps),
  ]);
  warnAboutPolicy(policy, deps);

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

/** Each user by UPN, with their OATH method count read by UPN at the same time. */
async function lookUpUsers(
  tokens: readonly Token[],
  concurrency: number,
  deps: RunDeps<ProvisionEvent>,
): Promise<Map<string, UserFacts>> {
  const users = new Map<string, UserFacts>();
  const upns = [...new Set(tokens.flatMap((t) => (t.upn === null ? [] : [t.upn.toLowerCase()])))];
  await forEachConcurrently(upns, concurrency, async (upn) => {
    const [user, methods] = await Promise.allSettled([
      deps.directory.getUser(upn),
      deps.directory.countOathMethods(upn),
    ]);
    if (user.status === "rejected") throw user.reason;
    if (user.value === null) users.set(upn, { user: null, existingMethods: 0 });
    else if (methods.status === "rejected") throw methods.reason;
    else users.set(upn, { user: user.value, existingMethods: methods.value });
  });
  return users;
}

async function lookUpSerials(
  tokens: readonly Token[],
  concurrency: number,
  deps: RunDeps<ProvisionEvent>,
): Promise<Map<string, Device>> {
  const devices = new Map<string, Device>();
  const serials = new Set(tokens.map((t) => t.serialNumber));
  if (serials.size > listInsteadOfLookupAbove) {
    for await (const device of deps.directory.listDevices()) {
      if (serials.has(device.serialNumber)) devices.set(device.serialNumber, device);
    }
  } else {
    await forEachConcurrently([...serials], concurrency, async (serial) => {
      const device = await deps.directory.findDeviceBySerial(serial);
      if (device !== null) devices.set(serial, device);
    });
  }
  return devices;
}

function warnAboutPolicy(policy: MethodPolicy, deps: RunDeps<ProvisionEvent>): void {
  if (policy.state === "enabled") return;
  deps.emit({
    type: "warning",
    code: "policy-not-enabled",
    message: `The hardware OATH authentication method is "${policy.state}" in this tenant; users cannot sign in with these tokens until it is enabled (Entra ID → Authentication methods → Hardware OATH tokens).`,
  });
}
