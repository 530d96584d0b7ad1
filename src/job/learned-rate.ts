import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writePrivateFile } from "../files/private-file.js";
import { tenantKey } from "./run-paths.js";
import { maxWritesPerSecond, minWritesPerSecond } from "./write-rate.js";

/** The tenant a rate was learned against: its id and the Graph host it was reached at. */
export type TenantRef = { tenantId: string; graphHost: string };

/** The write rate each tenant sustained in the last run against it (docs/provisioning.md). */
export type RateMemory = {
  /** The rate learned before, or null (none yet, or a file that cannot be trusted). */
  recall(tenant: TenantRef): number | null;
  /** Keeps the rate for the next run; a file it cannot write costs only the next run's learning. */
  remember(tenant: TenantRef, writesPerSecond: number, now: number): Promise<void>;
};

/**
One small file per tenant, `<folder>/write-rates/<tenant key>.json` (the key as the journals'),
holding the rate, when it was learned, and the tenant and host in clear. The file is read as
untrusted input: anything but a rate within the pacer's bounds is ignored.
A null folder (cli/user-folders.ts namedCacheFolder: the environment names no home) keeps nothing.
*/
export function rateMemoryIn(folder: string | null): RateMemory {
  const fileOf = (tenant: TenantRef): string | null =>
    folder === null ? null : join(folder, "write-rates", `${tenantKey(tenant)}.json`);
  return {
    recall(tenant) {
      const file = fileOf(tenant);
      if (file === null) return null;
      try {
        const text = readFileSync(file, "utf8");
        if (text.length > 4_096) return null;
        const value = (JSON.parse(text) as { writesPerSecond?: unknown }).writesPerSecond;
        return typeof value === "number" &&
          value >= minWritesPerSecond &&
          value <= maxWritesPerSecond
          ? value
          : null;
      } catch {
        return null;
      }
    },
    async remember(tenant, writesPerSecond, now) {
      const file = fileOf(tenant);
      if (file === null || !Number.isFinite(writesPerSecond)) return;
      const record = {
        writesPerSecond: Math.round(writesPerSecond * 100) / 100,
        learnedAt: new Date(now).toISOString(),
        tenantId: tenant.tenantId,
        graphHost: tenant.graphHost,
      };
      try {
        mkdirSync(join(folder as string, "write-rates"), { recursive: true, mode: 0o700 });
        await writePrivateFile(file, `${JSON.stringify(record)}\n`, { replace: true });
      } catch {
        // Only a cache: the next run starts from the safe default instead.
      }
    },
  };
}
