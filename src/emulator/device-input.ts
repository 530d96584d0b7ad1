import { Seed } from "../secrets/seed.js";
import type { HashFunction, TimeInterval } from "../token-fields.js";
import { badRequest } from "./http-error.js";

/**
Checking request bodies for the inventory (graph-api.md §1.1/§1.3): required fields, unknown or
read-only properties refused, the interval as the number 30 or 60 or the strings "30"/"60" that
Microsoft's own bulk example sends (S3, S25), and the seed as unpadded RFC 4648 Base32 in either
case (S17's examples and S19's "a-z or A-Z and digits 2-7"); hex, padding and characters outside
Base32 are refused. No message ever repeats the secret.
*/
export type NewDevice = {
  serialNumber: string;
  manufacturer: string;
  model: string;
  seed: Seed;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  displayName: string | null;
  assignToId: string | null;
};

export type DevicePatch = Partial<{
  manufacturer: string;
  model: string;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  displayName: string | null;
}>;

const deviceType = "#microsoft.graph.hardwareOathTokenAuthenticationMethodDevice";
const createKeys = new Set([
  "@odata.type",
  "serialNumber",
  "manufacturer",
  "model",
  "secretKey",
  "timeIntervalInSeconds",
  "hashFunction",
  "displayName",
  "assignTo",
]);
const updateKeys = new Set([
  "@odata.type",
  "manufacturer",
  "model",
  "timeIntervalInSeconds",
  "hashFunction",
  "displayName",
]);
/** Unpadded RFC 4648 Base32 lengths: 1, 3 and 6 trailing characters cannot occur. */
const validBase32Remainders = new Set([0, 2, 4, 5, 7]);
export const minSecretChars = 16;
export const maxSecretChars = 128;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(body: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) throw badRequest(`${where}property '${key}' is not accepted here.`);
  }
  const type = body["@odata.type"];
  if (type !== undefined && type !== deviceType) {
    throw badRequest(`${where}@odata.type must be '${deviceType}'.`);
  }
}

function requiredString(body: Record<string, unknown>, key: string, where: string): string {
  const value = body[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw badRequest(`${where}'${key}' is required and must be a non-empty string.`);
  }
  return value;
}

function interval(value: unknown, where: string): TimeInterval {
  if (value === 30 || value === 60) return value;
  if (value === "30" || value === "60") return Number(value) as TimeInterval;
  throw badRequest(`${where}'timeIntervalInSeconds' must be 30 or 60.`);
}

function hashFunction(value: unknown, where: string): HashFunction {
  if (value === "hmacsha1" || value === "hmacsha256") return value;
  throw badRequest(`${where}'hashFunction' must be 'hmacsha1' or 'hmacsha256'.`);
}

function displayName(value: unknown, where: string): string | null {
  if (value === null || typeof value === "string") return value;
  throw badRequest(`${where}'displayName' must be a string or null.`);
}

function seedFrom(value: unknown, where: string): Seed {
  if (typeof value !== "string" || value === "") {
    throw badRequest(`${where}'secretKey' is required.`);
  }
  if (!/^[A-Za-z2-7]+$/u.test(value) || !validBase32Remainders.has(value.length % 8)) {
    throw badRequest(
      `${where}'secretKey' is not valid Base32 (RFC 4648 alphabet A-Z or a-z and 2-7, no padding).`,
    );
  }
  if (value.length < minSecretChars || value.length > maxSecretChars) {
    throw badRequest(
      `${where}'secretKey' must be ${minSecretChars} to ${maxSecretChars} Base32 characters long.`,
    );
  }
  return Seed.fromBase32(value); // decodes either case
}

function assignToId(value: unknown, where: string): string | null {
  if (value === undefined) return null;
  if (!isObject(value) || typeof value["id"] !== "string" || Object.keys(value).length !== 1) {
    throw badRequest(`${where}'assignTo' must be {"id": "<user object id>"}.`);
  }
  return value["id"];
}

/** `where` prefixes messages, e.g. "value[3] (@contentId 4): " in a bulk request. */
export function parseNewDevice(body: unknown, where = ""): NewDevice {
  if (!isObject(body)) throw badRequest(`${where}the body must be a JSON object.`);
  checkKeys(body, createKeys, where);
  return {
    serialNumber: requiredString(body, "serialNumber", where),
    manufacturer: requiredString(body, "manufacturer", where),
    model: requiredString(body, "model", where),
    seed: seedFrom(body["secretKey"], where),
    timeIntervalInSeconds: interval(body["timeIntervalInSeconds"], where),
    hashFunction:
      body["hashFunction"] === undefined ? "hmacsha1" : hashFunction(body["hashFunction"], where),
    displayName: body["displayName"] === undefined ? null : displayName(body["displayName"], where),
    assignToId: assignToId(body["assignTo"], where),
  };
}

export function parseDevicePatch(body: unknown): DevicePatch {
  if (!isObject(body)) throw badRequest("The body must be a JSON object.");
  for (const key of ["serialNumber", "secretKey"]) {
    if (key in body) throw badRequest(`'${key}' cannot be changed; delete and recreate the token.`);
  }
  checkKeys(body, updateKeys, "");
  const patch: DevicePatch = {};
  if ("manufacturer" in body) patch.manufacturer = requiredString(body, "manufacturer", "");
  if ("model" in body) patch.model = requiredString(body, "model", "");
  if ("timeIntervalInSeconds" in body) {
    patch.timeIntervalInSeconds = interval(body["timeIntervalInSeconds"], "");
  }
  if ("hashFunction" in body) patch.hashFunction = hashFunction(body["hashFunction"], "");
  if ("displayName" in body) patch.displayName = displayName(body["displayName"], "");
  return patch;
}
