import type { EmulatorCounters } from "./counters.js";
import { checkCode } from "./activation.js";
import type { NewDevice } from "./device-input.js";
import type { DeviceRecord, DeviceStore } from "./devices.js";
import { DeviceStore as Store } from "./devices.js";
import { badRequest, conflict, GraphHttpError, notFound } from "./http-error.js";
import type { EmulatorUser, UserDirectory } from "./users.js";

/** A checked activation body. The code is a secret: it is compared, never stored or printed. */
export type ActivationInput = { code: string; displayName: string | undefined };

/** Reads `verificationCode` and `displayName` of an activation body (400 when malformed). */
export function parseActivation(body: Record<string, unknown>): ActivationInput {
  const code = body["verificationCode"];
  if (typeof code !== "string" || !/^\d{6}$/u.test(code)) {
    throw badRequest("'verificationCode' must be a string of 6 digits.");
  }
  const displayName = body["displayName"];
  if (displayName !== undefined && displayName !== null && typeof displayName !== "string") {
    throw badRequest("'displayName' must be a string.");
  }
  return { code, displayName: displayName ?? undefined };
}

/** Per-user cap of OATH tokens and authenticator apps (Microsoft Authenticator included) combined (S19, S20). */
export const methodCap = 5;

/**
The emulated tenant's rules: unique serials, one holder per token, members only, enabled users
only, the 5-method cap, and the status machine available → assigned → activated | failedActivation,
unassign → available, delete only when available. Every method throws a GraphHttpError on refusal
and changes nothing in that case.
*/
export class Tenant {
  readonly devices: DeviceStore;
  readonly users: UserDirectory;
  readonly counters: EmulatorCounters;
  /** The emulator's (skewed) clock in epoch ms. */
  readonly now: () => number;

  constructor(
    devices: DeviceStore,
    users: UserDirectory,
    counters: EmulatorCounters,
    now: () => number,
  ) {
    this.devices = devices;
    this.users = users;
    this.counters = counters;
    this.now = now;
  }

  user(key: string): EmulatorUser {
    const user = this.users.find(key);
    if (user === undefined) {
      throw notFound(
        `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return user;
  }

  device(id: string): DeviceRecord {
    const device = this.devices.get(id);
    if (device === undefined) {
      throw new GraphHttpError(404, "NotFound", `Hardware OATH token '${id}' does not exist.`);
    }
    return device;
  }

  /** The token as one of `user`'s methods: 404 when that user does not hold it. */
  method(user: EmulatorUser, id: string): DeviceRecord {
    const device = this.devices.get(id);
    if (device === undefined || device.holderId !== user.id) {
      throw new GraphHttpError(404, "NotFound", `User has no hardware OATH method '${id}'.`);
    }
    return device;
  }

  /** All-or-nothing: every item is checked before any is stored. `labels[i]` names item i in messages. */
  create(items: readonly NewDevice[], labels: readonly string[]): DeviceRecord[] {
    const seen = new Set<string>();
    const duplicates: number[] = [];
    items.forEach((item, i) => {
      const key = Store.serialKey(item.serialNumber);
      if (this.devices.findBySerial(item.serialNumber) !== undefined || seen.has(key)) {
        duplicates.push(i);
      }
      seen.add(key);
    });
    const first = duplicates[0];
    if (first !== undefined) {
      this.counters.duplicateRejections += duplicates.length;
      const serial = items[first]?.serialNumber ?? "";
      throw conflict(
        `${labels[first] ?? ""}a hardware OATH token with serial number '${serial}' already exists.`,
      );
    }
    const holders = new Map<string, number>();
    items.forEach((item, i) => {
      if (item.assignToId === null) return;
      const user = this.users.findById(item.assignToId);
      if (user === undefined) {
        throw badRequest(
          `${labels[i] ?? ""}'assignTo.id' must be the object id of an existing user.`,
        );
      }
      const extra = holders.get(user.id) ?? 0;
      this.checkHolder(user, extra);
      holders.set(user.id, extra + 1);
    });
    return items.map((item) => {
      const device = this.devices.add(item);
      this.counters.creates += 1;
      if (item.assignToId !== null) this.giveTo(device, item.assignToId);
      return device;
    });
  }

  /** Refuses guests, disabled accounts and users at the cap (`extra` tokens about to be given). */
  checkHolder(user: EmulatorUser, extra = 0): void {
    if (user.userType !== "Member") {
      throw badRequest(`Guest users cannot hold hardware OATH tokens (${user.userPrincipalName}).`);
    }
    if (!user.accountEnabled) {
      throw badRequest(`The account ${user.userPrincipalName} is disabled.`);
    }
    const count = user.methods.length + this.devices.heldBy(user.id).length + extra;
    if (count >= methodCap) {
      throw conflict(
        `${user.userPrincipalName} already has ${methodCap} OATH methods, the maximum.`,
      );
    }
  }

  assign(user: EmulatorUser, device: DeviceRecord): void {
    if (device.holderId !== null) {
      throw conflict(`Hardware OATH token '${device.id}' is already assigned; unassign it first.`);
    }
    this.checkHolder(user);
    this.giveTo(device, user.id);
  }

  /** Activation of a token `user` holds; a wrong code leaves it in failedActivation. */
  activate(user: EmulatorUser, device: DeviceRecord, input: ActivationInput): void {
    this.method(user, device.id);
    const { code, displayName } = input;
    const check = checkCode(device, code, this.now());
    if (check.result === "replayed") {
      this.counters.activations.replayed += 1;
      throw badRequest("The verification code has already been used; wait for the next code.");
    }
    if (check.result === "wrong") {
      this.counters.activations.wrong += 1;
      device.status = "failedActivation";
      throw badRequest("The verification code is not valid for this token.");
    }
    this.counters.activations.ok += 1;
    device.lastAcceptedStep = check.step;
    device.status = "activated";
    if (displayName !== undefined) device.displayName = displayName;
  }

  /** Assigns unless `user` already holds it (so a retry after an unclear result can go on), then activates. */
  assignAndActivate(user: EmulatorUser, device: DeviceRecord, input: ActivationInput): void {
    if (device.holderId !== user.id) this.assign(user, device);
    this.activate(user, device, input);
  }

  deactivate(device: DeviceRecord): void {
    device.status = "assigned";
  }

  unassign(device: DeviceRecord): void {
    this.devices.setHolder(device, null);
    device.assignedAt = null;
    device.status = "available";
    this.counters.unassignments += 1;
  }

  /** Update and delete need an unassigned token (graph-api.md §2.5, §2.6). */
  requireUnassigned(device: DeviceRecord, action: string): void {
    if (device.holderId !== null) {
      throw conflict(
        `Hardware OATH token '${device.id}' is assigned; unassign it before you ${action} it.`,
      );
    }
  }

  private giveTo(device: DeviceRecord, userId: string): void {
    this.devices.setHolder(device, userId);
    device.assignedAt = new Date(this.now());
    device.status = "assigned";
    this.counters.assignments += 1;
  }
}
