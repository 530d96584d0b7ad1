import type { EmulatorCounters } from "./counters.js";
import type { DeviceStatus } from "./devices.js";
import type { PolicyState } from "./policy-state.js";
import { policyCovers } from "./policy-state.js";
import type { Tenant } from "./tenant.js";

/** The read-only view behind `GET /_emulator/state` and `state()`. It never holds a seed or a code. */
export type EmulatorState = {
  /** The emulator's clock (host clock + skew), ISO 8601. */
  now: string;
  clockSkewSec: number;
  policy: PolicyState;
  devices: Array<{
    id: string;
    serialNumber: string;
    manufacturer: string;
    model: string;
    displayName: string | null;
    status: DeviceStatus;
    hashFunction: string;
    timeIntervalInSeconds: number;
    holder: { id: string; userPrincipalName: string } | null;
  }>;
  users: Array<{
    id: string;
    userPrincipalName: string;
    userType: string;
    accountEnabled: boolean;
    /** Existing methods (users file) plus hardware tokens held: what the cap of five counts. */
    methods: number;
    directoryRoles: string[];
    /** Whether the hardware OATH policy's targets cover the user (transitive groups). */
    inPolicyTargets: boolean;
  }>;
  counters: EmulatorCounters;
};

export function snapshot(tenant: Tenant, clockSkewSec: number, policy: PolicyState): EmulatorState {
  const devices = tenant.devices.all().map((d) => {
    const holder = d.holderId === null ? undefined : tenant.users.findById(d.holderId);
    return {
      id: d.id,
      serialNumber: d.serialNumber,
      manufacturer: d.manufacturer,
      model: d.model,
      displayName: d.displayName,
      status: d.status,
      hashFunction: d.hashFunction,
      timeIntervalInSeconds: d.timeIntervalInSeconds,
      holder:
        holder === undefined
          ? null
          : { id: holder.id, userPrincipalName: holder.userPrincipalName },
    };
  });
  const users = tenant.users.all().map((u) => ({
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    userType: u.userType,
    accountEnabled: u.accountEnabled,
    methods: u.methods.length + tenant.devices.heldBy(u.id).length,
    directoryRoles: [...u.roleIds],
    inPolicyTargets: policyCovers(policy, tenant.users.transitiveGroups(u)),
  }));
  return {
    now: new Date(tenant.now()).toISOString(),
    clockSkewSec,
    policy: structuredClone(policy),
    devices,
    users,
    counters: structuredClone(tenant.counters),
  };
}
