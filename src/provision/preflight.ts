import {
  decideClock,
  estimateSkew,
  type ClockDecision,
  type SkewEstimate,
} from "../activate/clock-skew.js";
import { TenantError } from "../errors.js";
import type { Device, DirectoryUser } from "../graph/port.js";
import type { ProvisionDeps, ProvisionOptions } from "./context.js";
import { forEachConcurrently } from "./pool.js";
import type { TokenToProvision } from "./types.js";

export type UserFacts = { user: DirectoryUser | null; existingMethods: number };

/** What the tenant looks like before anything is written (product.md §3 step 2). */
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

export async function runPreflight(
  tokens: readonly TokenToProvision[],
  needUsers: boolean,
  options: Pick<
    ProvisionOptions,
    "concurrency" | "maxSkewMs" | "useServerTime" | "mode" | "command"
  >,
  deps: ProvisionDeps,
): Promise<Preflight> {
  const { directory } = deps;
  const policy = await directory.getMethodPolicy();
  if (policy.state !== "enabled") {
    deps.emit({
      type: "warning",
      code: "policy-not-enabled",
      message: `The hardware OATH authentication method is "${policy.state}" in this tenant; users cannot sign in with these tokens until it is enabled (Entra ID → Authentication methods → Hardware OATH tokens).`,
    });
  }
  // Reads cost no write quota: look users and serials up wider than writes are sent.
  const readConcurrency = Math.max(options.concurrency * 2, 32);

  const users = new Map<string, UserFacts>();
  if (needUsers) {
    const upns = [...new Set(tokens.flatMap((t) => (t.upn === null ? [] : [t.upn.toLowerCase()])))];
    await forEachConcurrently(upns, readConcurrency, async (upn) => {
      const user = await directory.getUser(upn);
      const existingMethods = user === null ? 0 : await directory.countOathMethods(user.id);
      users.set(upn, { user, existingMethods });
    });
  }

  const devices = new Map<string, Device>();
  const serials = new Set(tokens.map((t) => t.serialNumber));
  if (serials.size > listInsteadOfLookupAbove) {
    for await (const device of directory.listDevices()) {
      if (serials.has(device.serialNumber)) devices.set(device.serialNumber, device);
    }
  } else {
    await forEachConcurrently([...serials], readConcurrency, async (serial) => {
      const device = await directory.findDeviceBySerial(serial);
      if (device !== null) devices.set(serial, device);
    });
  }

  const estimate = estimateSkew(directory.dateSamples());
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
