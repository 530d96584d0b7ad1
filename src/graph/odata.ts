import { z } from "zod";
import type { Device, DeviceFilter, DirectoryUser, DeviceToCreate } from "./port.js";

/** Graph paths (docs/graph-adapter.md), relative to `${graphUrl}/beta`. */
export const devicesPath = "/directory/authenticationMethodDevices/hardwareOathDevices";
export const policyPath =
  "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/hardwareOath";

/** A path segment: a UPN such as `ann_contoso.com#EXT#@fabrikam.com` must survive intact. */
export const segment = (value: string): string => encodeURIComponent(value);

export const devicePath = (deviceId: string): string => `${devicesPath}/${segment(deviceId)}`;
export const userPath = (idOrUpn: string): string => `/users/${segment(idOrUpn)}`;
export const userMethodsPath = (userId: string): string =>
  `${userPath(userId)}/authentication/hardwareOathMethods`;

/** A user-side method; its id is the device id (docs/graph-adapter.md). */
export const userMethodPath = (userId: string, deviceId: string): string =>
  `${userMethodsPath(userId)}/${segment(deviceId)}`;

/** An OData string literal: single quotes doubled. */
export const literal = (value: string): string => `'${value.replace(/'/gu, "''")}'`;

/** `$filter` for the inventory: each given property with `eq`, joined with `and`; null if none. */
export function deviceFilter(filter: DeviceFilter = {}): string | null {
  const parts: string[] = [];
  if (filter.serialNumber !== undefined)
    parts.push(`serialNumber eq ${literal(filter.serialNumber)}`);
  if (filter.status !== undefined) parts.push(`status eq ${literal(filter.status)}`);
  if (filter.model !== undefined) parts.push(`model eq ${literal(filter.model)}`);
  return parts.length === 0 ? null : parts.join(" and ");
}

const text = z.string().nullish();
const deviceSchema = z.object({
  id: z.string().min(1),
  serialNumber: z.string(),
  manufacturer: text,
  model: text,
  displayName: text,
  hashFunction: text,
  timeIntervalInSeconds: z.coerce.number().nullish(),
  status: text,
  assignedTo: z.object({ id: z.string(), displayName: text }).nullish(),
  lastUsedDateTime: text,
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
A device from any shape Graph is documented or observed to send (docs/graph-adapter.md): flat,
wrapped as a user method `{id, device:{…}}`, or a GET body wrapped in `{value:{…}}`. Null when it
is none of them.
*/
export function toDevice(raw: unknown): Device | null {
  let item = raw;
  if (isRecord(item) && isRecord(item["value"])) item = item["value"];
  if (isRecord(item) && isRecord(item["device"])) {
    const inner = item["device"];
    item = { ...inner, id: inner["id"] ?? item["id"] };
  }
  const parsed = deviceSchema.safeParse(item);
  if (!parsed.success) return null;
  const d = parsed.data;
  return {
    id: d.id,
    serialNumber: d.serialNumber,
    manufacturer: d.manufacturer ?? "",
    model: d.model ?? "",
    displayName: d.displayName ?? null,
    hashFunction: d.hashFunction ?? "hmacsha1",
    timeIntervalInSeconds: d.timeIntervalInSeconds ?? 30,
    status: d.status ?? "available",
    assignedTo:
      d.assignedTo == null
        ? null
        : { id: d.assignedTo.id, displayName: d.assignedTo.displayName ?? null },
    lastUsedDateTime: d.lastUsedDateTime ?? null,
  };
}

const userSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string(),
  displayName: text,
  accountEnabled: z.boolean().nullish(),
  userType: text,
});

export function toUser(raw: unknown): DirectoryUser | null {
  const parsed = userSchema.safeParse(raw);
  if (!parsed.success) return null;
  const u = parsed.data;
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName ?? null,
    // Graph omits accountEnabled without $select; treat unknown as enabled rather than block.
    accountEnabled: u.accountEnabled ?? true,
    userType: u.userType ?? "Member",
  };
}

/** The create body. `secretKey` is materialised here, at send time, and nowhere else. */
export function createBody(device: DeviceToCreate): Record<string, unknown> {
  return {
    serialNumber: device.serialNumber,
    manufacturer: device.manufacturer,
    model: device.model,
    secretKey: device.seed.toBase32(),
    timeIntervalInSeconds: device.timeIntervalInSeconds,
    hashFunction: device.hashFunction,
    ...(device.displayName === null ? {} : { displayName: device.displayName }),
    ...(device.assignToUserId === undefined ? {} : { assignTo: { id: device.assignToUserId } }),
  };
}

/** The `{"@odata.type"}` of the user methods that count towards the cap of five OATH methods. */
export const oathMethodTypes: ReadonlySet<string> = new Set([
  "#microsoft.graph.hardwareOathAuthenticationMethod",
  "#microsoft.graph.softwareOathAuthenticationMethod",
]);

/** A collection page: `value` items and the next link, if any. */
export function toPage(raw: unknown): { items: unknown[]; nextLink: string | null } {
  if (!isRecord(raw)) return { items: [], nextLink: null };
  const value = raw["value"];
  const next = raw["@odata.nextLink"];
  return {
    items: Array.isArray(value) ? (value as unknown[]) : [],
    nextLink: typeof next === "string" && next !== "" ? next : null,
  };
}

export { isRecord };
