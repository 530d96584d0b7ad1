import { renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GraphError } from "@microsoft/microsoft-graph-client";
import { timeStep, totpCode } from "../../src/totp.js";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator, trustEmulatorCa } from "../../src/emulator/index.js";
import type { HashFunction, TimeInterval } from "../../src/token-fields.js";
import {
  createOathDirectory,
  resolveConnection,
  type OathDirectory,
  type OathDirectoryDeps,
} from "../../src/graph/index.js";
import { Scrubber } from "../../src/secrets/scrubber.js";

/** One CA for the whole test run (the emulator creates it exclusively, so parallel files agree). */
export const testCertDir = join(tmpdir(), "oathkit-emulator-test-ca");

export const inventory = "/directory/authenticationMethodDevices/hardwareOathDevices";

/** Users for contract tests: ids are fixed so tests can refer to them. */
export const testUsers = {
  ana: { id: "0a000000-0000-4000-8000-000000000001", userPrincipalName: "ana@test.example" },
  ben: { id: "0a000000-0000-4000-8000-000000000002", userPrincipalName: "ben@test.example" },
  /** Has 3 pre-existing methods: 2 more tokens fit under the cap of 5. */
  cat: { id: "0a000000-0000-4000-8000-000000000003", userPrincipalName: "cat@test.example" },
  guest: {
    id: "0a000000-0000-4000-8000-000000000004",
    userPrincipalName: "guest_x.example#EXT#@test.example",
  },
  off: { id: "0a000000-0000-4000-8000-000000000005", userPrincipalName: "off@test.example" },
  /** Has Microsoft Authenticator and a software OATH app (typed methods); in the pilot group. */
  dan: { id: "0a000000-0000-4000-8000-000000000006", userPrincipalName: "dan@test.example" },
  /** Authentication Administrator + Authentication Policy Administrator: --auto-approve signs in as them. */
  admin: { id: "0a000000-0000-4000-8000-000000000007", userPrincipalName: "admin@test.example" },
  /** Global Reader only. */
  reader: { id: "0a000000-0000-4000-8000-000000000008", userPrincipalName: "reader@test.example" },
  /** Privileged Authentication Administrator (and so an admin user as a target). */
  priv: { id: "0a000000-0000-4000-8000-000000000009", userPrincipalName: "priv@test.example" },
  /** Authentication Policy Administrator only. */
  polly: { id: "0a000000-0000-4000-8000-00000000000a", userPrincipalName: "polly@test.example" },
};

/** Groups of the test users file: `pilot` holds dan directly and ana through `nested`. */
export const testGroups = {
  pilot: "0b000000-0000-4000-8000-000000000001",
  nested: "0b000000-0000-4000-8000-000000000002",
  other: "0b000000-0000-4000-8000-000000000003",
};

function withoutCount<T extends { existingMethods?: number }>(user: T): Omit<T, "existingMethods"> {
  const rest = { ...user };
  delete rest.existingMethods;
  return rest;
}

let usersFile: string | undefined;

export function writeTestUsersFile(): string {
  const member = (u: { id: string; userPrincipalName: string }, existingMethods = 0) => ({
    ...u,
    displayName: u.userPrincipalName.split("@")[0],
    accountEnabled: true,
    userType: "Member",
    existingMethods,
  });
  const users = [
    { ...member(testUsers.ana), groups: [testGroups.nested] },
    member(testUsers.ben),
    member(testUsers.cat, 3),
    { ...member(testUsers.guest), userType: "Guest" },
    { ...member(testUsers.off), accountEnabled: false },
    {
      ...withoutCount(member(testUsers.dan)),
      groups: [testGroups.pilot],
      methods: [
        { type: "microsoftAuthenticator", displayName: "Dan's phone" },
        { type: "softwareOath" },
      ],
    },
    {
      ...withoutCount(member(testUsers.admin)),
      directoryRoles: ["Authentication Administrator", "0526716b-113d-4c15-b2c8-68e3c22b9f80"],
    },
    { ...withoutCount(member(testUsers.reader)), directoryRoles: ["Global Reader"] },
    {
      ...withoutCount(member(testUsers.priv)),
      directoryRoles: ["Privileged Authentication Administrator"],
    },
    {
      ...withoutCount(member(testUsers.polly)),
      directoryRoles: ["authentication policy administrator"],
    },
  ];
  const groups = [
    { id: testGroups.pilot, displayName: "OATH pilot" },
    { id: testGroups.nested, displayName: "Pilot wave 2", memberOf: [testGroups.pilot] },
    { id: testGroups.other, displayName: "Other" },
  ];
  // Every call writes the same users: one file for every test process (written whole, then
  // renamed into place, so no reader sees half of it), instead of a folder left behind per call.
  if (usersFile !== undefined) return usersFile;
  const file = join(tmpdir(), "oathkit-test-users.json");
  writeFileSync(`${file}.${process.pid}`, JSON.stringify({ users, groups }));
  renameSync(`${file}.${process.pid}`, file);
  usersFile = file;
  return file;
}

/** Starts an emulator with the test users and trusts its CA in this process. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    port: 0,
    certDir: testCertDir,
    usersFile: writeTestUsersFile(),
    ...options,
  });
  trustEmulatorCa(emulator.caPem);
  return emulator;
}

let serialCounter = 0;
/** A fresh serial per call, unique across a test file. */
export function nextSerial(prefix = "T"): string {
  serialCounter += 1;
  return `${prefix}${process.pid}-${serialCounter}`;
}

/** 20-byte seed (RFC 6238 SHA-1 test seed) and its Base32 form. */
export const sha1Seed = Buffer.from("12345678901234567890", "ascii");
export const sha1SeedBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
export const sha256Seed = Buffer.from("12345678901234567890123456789012", "ascii");
export const sha256SeedBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";

export function newToken(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    serialNumber: nextSerial(),
    manufacturer: "Token2",
    model: "C202",
    secretKey: sha1SeedBase32,
    timeIntervalInSeconds: 30,
    hashFunction: "hmacsha1",
    ...overrides,
  };
}

/** The code at `offsetSteps` steps from the given clock. */
export function codeAt(
  seed: Uint8Array,
  nowMs: number,
  offsetSteps = 0,
  interval: TimeInterval = 30,
  hash: HashFunction = "hmacsha1",
): string {
  return totpCode(seed, nowMs + offsetSteps * interval * 1000, interval, hash);
}

/** A 6-digit code that matches none of the steps the emulator accepts around `nowMs`. */
export function wrongCode(seed: Uint8Array, nowMs: number, interval: TimeInterval = 30): string {
  const near = new Set([-2, -1, 0, 1, 2].map((o) => codeAt(seed, nowMs, o, interval)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!near.has(candidate)) return candidate;
  }
}

export { timeStep };

/** Awaits a promise expected to reject with a Graph error and returns it. */
export async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphError;
  }
  throw new Error("expected the Graph call to fail");
}

/** The Graph JSON of a token, for typing what the (untyped) Graph client returns. */
export type DeviceJson = {
  id: string;
  serialNumber: string;
  status: string;
  secretKey: null;
  displayName: string | null;
  assignedTo: { id: string; displayName: string } | null;
};

export type Collection<T> = { value: T[]; "@odata.nextLink"?: string };

/**
The real Graph adapter signed in as the emulator's app (client secret), talking to the emulator —
or, with `through`, to a front before it (sign-in and Graph both go there). `deps` adds to or
replaces the defaults: a fresh scrubber, the secret in the environment, the wall clock.
*/
export function appDirectory(
  emulator: RunningEmulator,
  deps: Partial<OathDirectoryDeps> = {},
  through = emulator.url,
): OathDirectory {
  const env = { AZURE_CLIENT_SECRET: emulator.clientSecret };
  const connection = resolveConnection(
    {
      tenant: emulator.tenantId,
      clientId: emulator.clientId,
      auth: "client-secret",
      graphUrl: through,
      authorityHost: through,
    },
    env,
  );
  return createOathDirectory(connection, { scrubber: new Scrubber(), env, now: Date.now, ...deps });
}
