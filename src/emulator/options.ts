import { join } from "node:path";
import { OathkitError } from "../errors.js";
import { cacheDir, pathsFor, thisUser, type UserFolderContext } from "../files/user-folders.js";
import type { SignInPrompt } from "./entra-config.js";
import type { PolicyFile } from "./policy-state.js";

/** A fault the emulator can inject into a write (reliability.md §3.4). */
export type FaultKind = "503" | "lost" | "reset";
export const faultKinds: readonly FaultKind[] = ["503", "lost", "reset"];

/** Everything `startEmulator` can be told. Every field is optional; the defaults make a fault-free tenant. */
export type EmulatorOptions = {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Path of a users file (docs/emulator.md); when absent the tenant has no users. */
  usersFile?: string;
  /** Added before every request is handled, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Writes per second allowed by the token bucket; 0 turns throttling off. @default 0 */
  writeRate?: number;
  /**
  Reads per second allowed by a token bucket like the write quota's: each GET or read-only POST
  costs one, each item of a `$batch` on its own (the envelope costs nothing), above it 429 with
  `Retry-After`. In-process only; 0 turns it off. @default 0
  */
  readRate?: number;
  /** Probability (0–1) that a write gets one of `faultKinds`. @default 0 */
  faultRate?: number;
  /** Which faults `faultRate` draws from. @default ["503", "lost", "reset"] */
  faultKinds?: readonly FaultKind[];
  /** The emulator's clock runs this many seconds ahead of the host's (negative: behind). @default 0 */
  clockSkewSec?: number;
  /** Lifetime of issued access tokens in seconds. @default 3600 */
  tokenTtlSec?: number;
  /** Default page size of collections without `$top`. @default 100 */
  pageSize?: number;
  /** Largest `$top` accepted; above it a listing gets 400, as Graph answers. @default 999 */
  maxTop?: number;
  /**
  When set, every bulk create answers 200 with this status as a per-item error for each item and
  creates nothing (a bulk endpoint failing item by item, e.g. 503). In-process only. @default none
  */
  bulkItemStatus?: number;
  /** Seed of the PRNG behind every random decision (faults, batch order). @default 1 */
  seed?: number;
  /** Where the local CA is kept. @default ~/.oathkit/emulator */
  certDir?: string;
  /** @default "00000000-0000-4000-8000-0000000e1a7e" */
  tenantId?: string;
  /** @default "00000000-0000-4000-8000-00000000c11e" */
  clientId?: string;
  /** @default a random string per start */
  clientSecret?: string;
  /** Application permissions in app tokens (`roles`). @default defaultAppRoles */
  appRoles?: readonly string[];
  /**
  Delegated permissions consented for every public client: a delegated token carries the ones
  requested that are also here, and `.default` expands to all of them. @default no limit
  */
  consentedScopes?: readonly string[];
  /** Complete device code and browser sign-ins at once, as `signInAs`. @default false */
  autoApprove?: boolean;
  /** UPN of who signs in (auto-approve) or is preselected on the approval pages. @default the first user with a directory role */
  signInAs?: string;
  /** Lifetime of a device code. @default 900 (E1) */
  deviceCodeTtlSec?: number;
  /** The `interval` the device code answer asks clients to poll at. @default 5 (E1) */
  deviceCodeIntervalSec?: number;
  /** Told when a sign-in waits for a person (no autoApprove): the code and URL to show. */
  onSignInWaiting?: (prompt: SignInPrompt) => void;
  /** The hardware OATH policy: state, targets, last modified; applied over the users file's `policy`. */
  policy?: PolicyFile;
};

export const defaultTenantId = "00000000-0000-4000-8000-0000000e1a7e";
export const defaultClientId = "00000000-0000-4000-8000-00000000c11e";

/**
Where the emulator keeps its local CA unless told: `~/.oathkit/emulator`, and on Windows the
machine's local application data, `%LOCALAPPDATA%\oathkit\emulator` (docs/emulator.md).
*/
export function defaultCertDir(user: UserFolderContext = thisUser()): string {
  if (user.platform === "win32") return pathsFor("win32").join(cacheDir(user), "emulator");
  return join(user.home, ".oathkit", "emulator");
}

/** Refuses option values out of range (the CLI checks its flags first, with friendlier words). */
export function checkOptions(o: EmulatorOptions): void {
  const bad = (what: string): never => {
    throw new OathkitError(`Emulator option ${what} is out of range.`);
  };
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535))
    bad("port");
  if (o.faultRate !== undefined && !(o.faultRate >= 0 && o.faultRate <= 1)) bad("faultRate");
  for (const [name, value] of Object.entries({
    latencyMs: o.latencyMs,
    writeRate: o.writeRate,
    readRate: o.readRate,
  })) {
    if (value !== undefined && !(value >= 0)) bad(name);
  }
  if (o.tokenTtlSec !== undefined && !(o.tokenTtlSec > 0)) bad("tokenTtlSec");
  if (o.pageSize !== undefined && !(Number.isInteger(o.pageSize) && o.pageSize >= 1))
    bad("pageSize");
  if (o.maxTop !== undefined && !(Number.isInteger(o.maxTop) && o.maxTop >= 1)) bad("maxTop");
  if (
    o.bulkItemStatus !== undefined &&
    !(Number.isInteger(o.bulkItemStatus) && o.bulkItemStatus >= 400 && o.bulkItemStatus <= 599)
  )
    bad("bulkItemStatus");
  for (const [name, value] of Object.entries({
    deviceCodeTtlSec: o.deviceCodeTtlSec,
    deviceCodeIntervalSec: o.deviceCodeIntervalSec,
  })) {
    if (value !== undefined && !(value > 0)) bad(name);
  }
}
