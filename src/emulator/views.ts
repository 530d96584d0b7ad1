import type { DeviceRecord } from "./devices.js";
import type { EmulatorUser, UserDirectory } from "./users.js";

/** The Graph JSON shapes. `secretKey` is always null: the seed is write-only. */
export function deviceView(device: DeviceRecord, users: UserDirectory): Record<string, unknown> {
  const holder = device.holderId === null ? undefined : users.findById(device.holderId);
  return {
    id: device.id,
    displayName: device.displayName,
    serialNumber: device.serialNumber,
    manufacturer: device.manufacturer,
    model: device.model,
    secretKey: null,
    timeIntervalInSeconds: device.timeIntervalInSeconds,
    status: device.status,
    lastUsedDateTime: device.lastUsedDateTime?.toISOString() ?? null,
    hashFunction: device.hashFunction,
    assignedTo: holder === undefined ? null : { id: holder.id, displayName: holder.displayName },
  };
}

export const deviceProperties = Object.keys({
  id: 0,
  displayName: 0,
  serialNumber: 0,
  manufacturer: 0,
  model: 0,
  secretKey: 0,
  timeIntervalInSeconds: 0,
  status: 0,
  lastUsedDateTime: 0,
  hashFunction: 0,
  assignedTo: 0,
});

/** A user-side hardwareOathAuthenticationMethod; its id equals the device id (graph-api.md §1.2). */
export function methodView(
  device: DeviceRecord,
  users: UserDirectory,
  withDevice: boolean,
): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethod",
    id: device.id,
    createdDateTime: device.assignedAt?.toISOString() ?? null,
    lastUsedDateTime: device.lastUsedDateTime?.toISOString() ?? null,
    ...(withDevice ? { device: deviceView(device, users) } : {}),
  };
}

export const methodProperties = ["id", "createdDateTime", "lastUsedDateTime", "device"];

/** Every user property the emulator serves; `$select` may name any of them. */
export function userView(user: EmulatorUser): Record<string, unknown> {
  return {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: null,
    jobTitle: null,
    mail: user.userType === "Member" ? user.userPrincipalName : null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
    userType: user.userType,
  };
}

export const userProperties = Object.keys(userView({} as EmulatorUser));

/** What Graph returns without `$select` (E10): accountEnabled and userType need `$select`. */
export const defaultUserProperties = userProperties.filter(
  (p) => p !== "accountEnabled" && p !== "userType",
);

/** The properties User.ReadBasic.All may read (E10). */
export const basicUserProperties = [
  "id",
  "displayName",
  "givenName",
  "surname",
  "mail",
  "userPrincipalName",
];
