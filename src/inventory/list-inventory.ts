import { UsageError } from "../errors.js";
import type { Device, DeviceFilter, DeviceStatus, OathDirectory } from "../graph/port.js";
import { toInventoryToken } from "./inventory-token.js";
import { type InventoryToken } from "../events/inventory.js";
import { resolveHolders } from "./resolve-holders.js";

export type InventoryQuery = {
  status?: DeviceStatus | undefined;
  serialNumber?: string | undefined;
  model?: string | undefined;
  /** Only tokens held by this user (UPN or object id). */
  upn?: string | undefined;
};

export type ListDeps = {
  directory: Pick<OathDirectory, "listDevices" | "getUser">;
  /** GET /users/{id} in flight at once while resolving holders. @default 8 */
  concurrency?: number;
  /** Called with the number of devices read so far, for a progress display. */
  onProgress?: (devicesRead: number) => void;
};

/**
The whole inventory (every `@odata.nextLink` followed by the adapter), filtered server-side by
status, serial and model; `upn` resolves the user first and keeps the tokens they hold (the port
has no holder filter, so that one is applied here). Holders' UPNs are read once per distinct
holder. Sorted by serial number so output is stable.
*/
export async function listInventory(
  query: InventoryQuery,
  deps: ListDeps,
): Promise<InventoryToken[]> {
  let holderId: string | null = null;
  if (query.upn !== undefined) {
    const user = await deps.directory.getUser(query.upn);
    if (user === null) {
      throw new UsageError(`No user ${query.upn} in the tenant.`, {
        hint: "Check the spelling of --upn; it takes a user principal name or an object id.",
      });
    }
    holderId = user.id;
  }
  const filter: DeviceFilter = {
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.serialNumber === undefined ? {} : { serialNumber: query.serialNumber }),
    ...(query.model === undefined ? {} : { model: query.model }),
  };
  const devices: Device[] = [];
  let read = 0;
  for await (const device of deps.directory.listDevices(filter)) {
    read += 1;
    deps.onProgress?.(read);
    if (holderId === null || device.assignedTo?.id === holderId) devices.push(device);
  }
  const holderIds = devices.flatMap((d) => (d.assignedTo === null ? [] : [d.assignedTo.id]));
  const upns = await resolveHolders(deps.directory, holderIds, deps.concurrency ?? 8);
  return devices
    .map((d) => toInventoryToken(d, (id) => upns.get(id) ?? null))
    .sort((a, b) => compareText(a.serialNumber, b.serialNumber));
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
