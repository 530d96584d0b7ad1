import { unexpectedResponse, type Call } from "./graph-calls.js";
import { needs } from "./needs.js";
import {
  deviceFilter,
  devicesPath,
  isRecord,
  oathMethodTypes,
  toDevice,
  toUser,
  userPath,
} from "./odata.js";
import type { BatchRequest, Device, DeviceFilter, DirectoryUser } from "./port.js";

/*
The one definition of each read that is sent both on its own and inside a JSON batch: its request
(a Call) and the parse of its answer. oath-directory.ts sends them one by one, batched-reads.ts
twenty to an envelope.
*/

/** Large pages keep a 20,000-token inventory to a few dozen requests. */
const listPageSize = 999;

/** getUser's request: one user by object id or UPN. */
export const userRead = (idOrUpn: string): Call => ({
  operation: "look up user",
  needs: needs.userRead,
  method: "GET",
  path: userPath(idOrUpn),
  select: "id,userPrincipalName,displayName,accountEnabled,userType",
});

/** A user's body (a 404, the user not existing, is null before it gets here). */
export function parseUser(body: unknown): DirectoryUser {
  const user = toUser(body);
  if (user === null) throw unexpectedResponse("look up user", "the body is not a user");
  return user;
}

/** countOathMethods's request: the first page of a user's authentication methods. */
export const methodsRead = (userId: string): Call => ({
  operation: "count the user's OATH methods",
  needs: needs.userMethodsRead,
  method: "GET",
  path: `${userPath(userId)}/authentication/methods`,
});

/** How many of a page's methods count towards the cap of five. */
export function countOathIn(items: readonly unknown[]): number {
  return items.filter((item) => {
    const type = isRecord(item) ? item["@odata.type"] : undefined;
    return typeof type === "string" && oathMethodTypes.has(type);
  }).length;
}

/** The inventory, filtered. */
function inventoryRead(filter?: DeviceFilter): Call {
  const expression = deviceFilter(filter);
  return {
    operation: "list tokens",
    needs: needs.inventoryRead,
    method: "GET",
    path: devicesPath,
    ...(expression === null ? {} : { filter: expression }),
  };
}

/** listDevices's request: the inventory, filtered, in large pages. */
export const devicesListing = (filter?: DeviceFilter): Call => ({
  ...inventoryRead(filter),
  top: listPageSize,
});

/**
findDeviceBySerial's request: the inventory filtered by one serial. It asks no page size: a serial
matches one token at most, and a batch item could not fall back from a refused `$top`.
*/
export const serialRead = (serialNumber: string): Call => inventoryRead({ serialNumber });

/** One item of an inventory listing. */
export function parseListedDevice(item: unknown): Device {
  const device = toDevice(item);
  if (device === null) throw unexpectedResponse("list tokens", "a list item is not a token");
  return device;
}

/** The token of that serial among a listing's items (the last, should Graph send two). */
export function withSerial(devices: Iterable<Device>, serialNumber: string): Device | null {
  let found: Device | null = null;
  for (const device of devices) if (device.serialNumber === serialNumber) found = device;
  return found;
}

/**
A GET Call as a batch item: its path with the query the SDK would send (`$filter` encoded, as
graph-calls.ts encodes it), relative to /beta as Graph wants a batch item's url.
*/
export function asBatchItem(call: Call): BatchRequest {
  const query = [
    call.filter === undefined ? null : `$filter=${encodeURIComponent(call.filter)}`,
    call.select === undefined ? null : `$select=${call.select}`,
    call.top === undefined ? null : `$top=${call.top}`,
  ].filter((part) => part !== null);
  const path = query.length === 0 ? call.path : `${call.path}?${query.join("&")}`;
  return { method: "GET", path, needs: call.needs };
}
