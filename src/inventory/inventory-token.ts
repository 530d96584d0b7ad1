import type { InventoryToken } from "../events/inventory.js";
import type { Device } from "../graph/port.js";

/** The exact key order of the `--json` document and the CSV export. */
export function toInventoryToken(
  device: Device,
  upnOf: (userId: string) => string | null,
): InventoryToken {
  return {
    id: device.id,
    serialNumber: device.serialNumber,
    manufacturer: device.manufacturer,
    model: device.model,
    hashFunction: device.hashFunction,
    timeIntervalInSeconds: device.timeIntervalInSeconds,
    status: device.status,
    assignedTo:
      device.assignedTo === null
        ? null
        : { id: device.assignedTo.id, userPrincipalName: upnOf(device.assignedTo.id) },
    lastUsedDateTime: device.lastUsedDateTime,
  };
}
