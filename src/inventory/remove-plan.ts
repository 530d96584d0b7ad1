import type { Device, OathDirectory } from "../graph/port.js";
import { forEachConcurrently } from "../pool.js";
import type { RemoveAction, RemoveMode, RemovePlanCounts } from "../events/remove-events.js";

/** A serial asked for, the token the tenant has under it (null: not there), and the action. */
export type RemovalTarget = { serialNumber: string; device: Device | null; action: RemoveAction };

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

/**
What an earlier run of this job recorded for a serial (the journal, read without taking it), so
a serial missing from the tenant tells "this job removed it" from "never there".
*/
export type JobRecord = (serial: string) => { phase: string } | undefined;

/**
Serials in the order given, duplicates dropped, each with what is to be done. A serial the tenant
does not have is `done` when this job saw it before (the journal has it: deleted by an earlier
run, or gone since), else `not-found`: a mistyped serial is never mistaken for a removed one.
*/
export function planRemoval(
  serials: readonly string[],
  found: ReadonlyMap<string, Device | null>,
  mode: RemoveMode,
  job: JobRecord = () => undefined,
): RemovalPlan {
  const targets = [...new Set(serials)].map((serialNumber): RemovalTarget => {
    const device = found.get(serialNumber) ?? null;
    return { serialNumber, device, action: actionFor(device, mode, job(serialNumber)) };
  });
  const count = (action: RemoveAction): number => targets.filter((t) => t.action === action).length;
  const held = count("unassign-delete") + count("unassign");
  return {
    mode,
    targets,
    counts: {
      serials: targets.length,
      unassign: held,
      delete: count("unassign-delete") + count("delete"),
      alreadyGone: count("done"),
      notFound: count("not-found"),
      alreadyUnassigned: count("nothing"),
    },
  };
}

function actionFor(
  device: Device | null,
  mode: RemoveMode,
  recorded: { phase: string } | undefined,
): RemoveAction {
  if (device === null) return recorded === undefined ? "not-found" : "done";
  const held = device.assignedTo !== null;
  if (mode === "unassign-only") return held ? "unassign" : "nothing";
  return held ? "unassign-delete" : "delete";
}
/** Whether the plan sends any write at all. */
export function hasWrites(plan: RemovalPlan): boolean {
  return plan.counts.unassign + plan.counts.delete > 0;
}
