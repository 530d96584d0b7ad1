import type { Device, OathDirectory } from "../graph/port.js";
import { forEachConcurrently } from "../provision/pool.js";
import type { RemoveMode, RemovePlanCounts } from "./remove-events.js";

/** A serial asked for, and the token the tenant has under it (null: not there). */
export type RemovalTarget = { serialNumber: string; device: Device | null };

export type RemovalPlan = { mode: RemoveMode; targets: RemovalTarget[]; counts: RemovePlanCounts };

/** Above this many serials one paged list of the inventory is cheaper than a lookup per serial. */
export const listWholeInventoryAbove = 25;

/**
Finds each serial in the tenant (read-only). A few serials: one `$filter=serialNumber eq` lookup
each, `concurrency` at a time; many: the whole inventory once, every page, matched here.
*/
export async function lookUpSerials(
  directory: Pick<OathDirectory, "findDeviceBySerial" | "listDevices">,
  serials: readonly string[],
  concurrency: number,
): Promise<Map<string, Device | null>> {
  const found = new Map<string, Device | null>(serials.map((s) => [s, null]));
  if (serials.length > listWholeInventoryAbove) {
    for await (const device of directory.listDevices()) {
      if (found.has(device.serialNumber)) found.set(device.serialNumber, device);
    }
    return found;
  }
  await forEachConcurrently(serials, concurrency, async (serial) => {
    found.set(serial, await directory.findDeviceBySerial(serial));
  });
  return found;
}

/** Serials in the order given, duplicates dropped, each with what is to be done. */
export function planRemoval(
  serials: readonly string[],
  found: ReadonlyMap<string, Device | null>,
  mode: RemoveMode,
): RemovalPlan {
  const targets = [...new Set(serials)].map((serialNumber) => ({
    serialNumber,
    device: found.get(serialNumber) ?? null,
  }));
  const present = targets.flatMap((t) => (t.device === null ? [] : [t.device]));
  const held = present.filter((d) => d.assignedTo !== null).length;
  return {
    mode,
    targets,
    counts: {
      serials: targets.length,
      unassign: held,
      delete: mode === "remove" ? present.length : 0,
      alreadyGone: targets.length - present.length,
      alreadyUnassigned: mode === "unassign-only" ? present.length - held : 0,
    },
  };
}

/** Whether the plan sends any write at all. */
export function hasWrites(plan: RemovalPlan): boolean {
  return plan.counts.unassign + plan.counts.delete > 0;
}
