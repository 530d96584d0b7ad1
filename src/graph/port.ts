import type { Seed } from "../secrets/seed.js";
import type { HashFunction, TimeInterval } from "../token-fields.js";

/**
The Graph port: what oathkit needs from a tenant, in domain terms. The adapter in this folder is
the only implementation and the only code that imports the Graph SDK or @azure/identity; the
provisioning core depends on this type alone. No SDK type crosses it.
*/

/** `unknownFutureValue` and anything newer arrive as other strings; never crash on them. */
export type DeviceStatus =
  "available" | "assigned" | "activated" | "failedActivation" | (string & {});

export type Holder = { id: string; displayName: string | null };

/** A hardware OATH token in the tenant inventory (secretKey is write-only and never here). */
export type Device = {
  id: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  displayName: string | null;
  hashFunction: HashFunction | (string & {});
  timeIntervalInSeconds: number;
  status: DeviceStatus;
  assignedTo: Holder | null;
  lastUsedDateTime: string | null;
};

export type DirectoryUser = {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  accountEnabled: boolean;
  userType: "Member" | "Guest" | (string & {});
};

/** A user as getUser reads them (null: no such user) and their countOathMethods (0 then). */
export type UserRead = { user: DirectoryUser | null; oathMethods: number };

export type DeviceToCreate = {
  serialNumber: string;
  manufacturer: string;
  model: string;
  seed: Seed;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  displayName: string | null;
  /** Assign at creation (Graph `assignTo`); omit for inventory. */
  assignToUserId?: string;
};

/**
The hardware OATH method policy: its state, the group ids it includes (`all_users` for everyone)
and excludes, and when the authentication methods policy last changed (null when not said).
*/
export type MethodPolicy = {
  state: "enabled" | "disabled" | (string & {});
  includeTargets: readonly string[];
  excludeTargets: readonly string[];
  lastModifiedDateTime: string | null;
};

/**
What the signed-in identity may do: a person's delegated permissions and directory role template
ids (null when neither the token nor Graph says), or an app's application permissions.
*/
export type GrantedAccess =
  | {
      kind: "delegated";
      permissions: readonly string[];
      roleTemplateIds: readonly string[] | null;
      /** The permissions the sign-in asked for (what a consent would grant), when known. */
      asked?: readonly string[] | undefined;
    }
  | { kind: "app"; permissions: readonly string[] };

/** One sub-request of a JSON batch: a read (GET, or a read-only POST such as checkMemberGroups). */
export type BatchRequest = {
  method: "GET" | "POST";
  /** Below `${graphUrl}/beta`, path segments already encoded, as in a Call. */
  path: string;
  body?: unknown;
  /** The permission and role named when this item is answered 403 (graph/needs.ts). */
  needs: string;
};

/** One sub-request's answer: its own status and body, or its failure after the adapter's retries. */
export type BatchOutcome =
  { ok: true; status: number; body: unknown } | { ok: false; failure: GraphFailureInfo };

export type DeviceFilter = {
  status?: DeviceStatus;
  serialNumber?: string;
  model?: string;
};

/** Per item of a bulk create: created, or a failure for that serial (possibly unclear). */
export type BulkItemResult =
  | { serialNumber: string; ok: true; device: Device | null }
  | { serialNumber: string; ok: false; failure: GraphFailureInfo };

/**
How a failed call is classified. `unclear`: the request may have been applied (timeout, reset,
lost response, 5xx after sending) — reconcile before sending again. `throttled`: not applied;
wait `retryAfterMs`. `rejected`: a definitive 4xx. `auth`: sign-in or permission.
*/
export type FailureKind = "unclear" | "throttled" | "rejected" | "auth" | "not-found" | "conflict";

export type GraphFailureInfo = {
  kind: FailureKind;
  status: number | null;
  code: string | null;
  /** Scrubbed: never contains a seed or a code. */
  message: string;
  requestId: string | null;
  retryAfterMs: number | null;
};

/** Who the run is signed in as, from the access token: an app (its id) or a person (UPN). */
export type SignedInAs = { kind: "app" | "user"; id: string };

/**
The tenant and Graph host a directory is connected to, and the signed-in identity: what ties a
job's journal to one tenant and what a report names as its audit record.
*/
export type Connected = {
  tenantId: string;
  graphHost: string;
  signedInAs: SignedInAs | null;
  /** The app's display name when the token carries it (the pre-flight shows it). */
  appName?: string | null;
};

/** A response's HTTP `Date` header with the local clock around the call, for skew estimation. */
export type DateSample = { sentAtMs: number; receivedAtMs: number; serverDate: string };

export interface OathDirectory {
  /** Signs in if not done yet, and says to which tenant and Graph host, as whom. */
  connectedTo(): Promise<Connected>;
  getMethodPolicy(): Promise<MethodPolicy>;
  /** What the token grants and, for a person, their directory roles; null for an opaque token. */
  grantedAccess(): Promise<GrantedAccess | null>;
  /**
  Reads sent in JSON batches of 20; outcomes in the order of `requests`. Each item has its own
  status; throttled and transient items are sent again (the adapter's retry rules), the rest are
  returned as failures. `operation` names them in messages.
  */
  batch(operation: string, requests: readonly BatchRequest[]): Promise<BatchOutcome[]>;
  /** Of `groupIds`, those each user is a member of, transitively (by user id). */
  memberOfGroups(
    userIds: readonly string[],
    groupIds: readonly string[],
  ): Promise<Map<string, Set<string>>>;
  /** By object id or UPN; null when the user does not exist. */
  getUser(idOrUpn: string): Promise<DirectoryUser | null>;
  /** Methods counting towards the cap of five (hardware and software OATH, Authenticator). */
  countOathMethods(userId: string): Promise<number>;
  /** getUser and countOathMethods of many users in JSON batches, by the id or UPN given. */
  readUsers(idsOrUpns: readonly string[]): Promise<Map<string, UserRead>>;
  getDevice(deviceId: string): Promise<Device | null>;
  findDeviceBySerial(serialNumber: string): Promise<Device | null>;
  /** findDeviceBySerial of many serials in JSON batches: the tokens found, by serial. */
  findDevicesBySerial(serialNumbers: readonly string[]): Promise<Map<string, Device>>;
  /** Follows every `@odata.nextLink`. */
  listDevices(filter?: DeviceFilter): AsyncIterable<Device>;
  createDevice(device: DeviceToCreate): Promise<Device>;
  /** One `$delta` PATCH; results per item (reconcile any non-ok item by serial). */
  createDevices(devices: readonly DeviceToCreate[]): Promise<BulkItemResult[]>;
  assign(userId: string, deviceId: string): Promise<void>;
  /** The code is sent as given; the adapter never retries this call by itself. */
  activate(
    userId: string,
    deviceId: string,
    verificationCode: string,
    displayName?: string,
  ): Promise<void>;
  /** The code is sent as given; the adapter never retries this call by itself. */
  assignAndActivate(
    userId: string,
    deviceId: string,
    verificationCode: string,
    displayName?: string,
  ): Promise<void>;
  unassign(userId: string, deviceId: string): Promise<void>;
  deleteDevice(deviceId: string): Promise<void>;
  /** `Date` headers seen so far (most recent last), for the clock-skew estimate. */
  dateSamples(): readonly DateSample[];
  /**
  The share of the tenant's write limit in use, as the last successful write's
  `x-ms-throttle-limit-percentage` said (Graph sends it above 0.8); null: that write carried none.
  */
  writeLoad(): number | null;
}
