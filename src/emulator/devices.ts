import { randomUUID } from "node:crypto";
import type { Seed } from "../secrets/seed.js";
import type { HashFunction, TimeInterval } from "../token-fields.js";
import type { DevicePatch, NewDevice } from "./device-input.js";

export type DeviceStatus = "available" | "assigned" | "activated" | "failedActivation";

/** A token in the inventory. The seed stays a `Seed`: it never prints itself. */
export type DeviceRecord = {
  readonly id: string;
  readonly serialNumber: string;
  readonly seed: Seed;
  manufacturer: string;
  model: string;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  displayName: string | null;
  status: DeviceStatus;
  /** Change it through `DeviceStore.setHolder` only. */
  readonly holderId: string | null;
  /** When the current holder got it (the user-side method's createdDateTime). */
  assignedAt: Date | null;
  lastUsedDateTime: Date | null;
  /** The highest TOTP time step accepted for this seed; a code at or before it is a replay. */
  lastAcceptedStep: number | null;
};

/** The inventory, in creation order (which is the order collections are paged in). */
export class DeviceStore {
  readonly #byId = new Map<string, DeviceRecord>();
  readonly #bySerial = new Map<string, DeviceRecord>();
  readonly #byHolder = new Map<string, Set<DeviceRecord>>();

  /** Serials compare case-insensitively: the strict reading of "unique serial". */
  static serialKey(serial: string): string {
    return serial.trim().toLowerCase();
  }

  findBySerial(serial: string): DeviceRecord | undefined {
    return this.#bySerial.get(DeviceStore.serialKey(serial));
  }

  get(id: string): DeviceRecord | undefined {
    return this.#byId.get(id.toLowerCase());
  }

  all(): DeviceRecord[] {
    return [...this.#byId.values()];
  }

  heldBy(userId: string): DeviceRecord[] {
    return [...(this.#byHolder.get(userId) ?? [])];
  }

  /** The only way to change a holder, so `heldBy` stays an index lookup at 10,000 tokens. */
  setHolder(record: DeviceRecord, holderId: string | null): void {
    if (record.holderId !== null) this.#byHolder.get(record.holderId)?.delete(record);
    (record as { holderId: string | null }).holderId = holderId;
    if (holderId === null) return;
    let held = this.#byHolder.get(holderId);
    if (held === undefined) {
      held = new Set();
      this.#byHolder.set(holderId, held);
    }
    held.add(record);
  }

  add(input: NewDevice): DeviceRecord {
    const record: DeviceRecord = {
      id: randomUUID(),
      serialNumber: input.serialNumber,
      seed: input.seed,
      manufacturer: input.manufacturer,
      model: input.model,
      timeIntervalInSeconds: input.timeIntervalInSeconds,
      hashFunction: input.hashFunction,
      displayName: input.displayName,
      status: "available",
      holderId: null,
      assignedAt: null,
      lastUsedDateTime: null,
      lastAcceptedStep: null,
    };
    this.#byId.set(record.id, record);
    this.#bySerial.set(DeviceStore.serialKey(record.serialNumber), record);
    return record;
  }

  update(record: DeviceRecord, patch: DevicePatch): void {
    Object.assign(record, patch);
  }

  delete(record: DeviceRecord): void {
    this.setHolder(record, null);
    this.#byId.delete(record.id);
    this.#bySerial.delete(DeviceStore.serialKey(record.serialNumber));
    record.seed.wipe();
  }
}
