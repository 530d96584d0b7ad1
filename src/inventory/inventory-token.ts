import type { Device, DeviceStatus } from "../graph/port.js";

/**
A token of the tenant inventory as `list` reports it: the device with its holder's UPN resolved.
`userPrincipalName` is null when the holder could not be read (deleted since, or hidden from us).
Never holds a seed: Graph returns `secretKey` as null and the port does not carry it.
*/
export type InventoryToken = {
  id: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  hashFunction: string;
  timeIntervalInSeconds: number;
  status: DeviceStatus;
  assignedTo: { id: string; userPrincipalName: string | null } | null;
  lastUsedDateTime: string | null;
};

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
