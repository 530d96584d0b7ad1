import { homedir } from "node:os";
import { join } from "node:path";

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
};

export const defaultTenantId = "00000000-0000-4000-8000-0000000e1a7e";
export const defaultClientId = "00000000-0000-4000-8000-00000000c11e";

export function defaultCertDir(): string {
  return join(homedir(), ".oathkit", "emulator");
}
