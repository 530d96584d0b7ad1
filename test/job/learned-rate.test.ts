import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { namedCacheFolder as cacheFolder } from "../../src/cli/user-folders.js";
import { rateMemoryIn } from "../../src/job/learned-rate.js";
import {
  filesUnder,
  findSecrets,
  makeTokens,
  members,
  ndjson,
  runCli,
  secretsOf,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

const tenant = {
  tenantId: "11111111-2222-4333-8444-555555555555",
  graphHost: "graph.microsoft.com",
};

describe("the write rate remembered per tenant", () => {
  it("lives in the user's cache folder, per platform", () => {
    const home = { HOME: "/home/ann" };
    expect(cacheFolder(home, "linux")).toBe("/home/ann/.cache/oathkit");
    expect(cacheFolder({ ...home, XDG_CACHE_HOME: "/c" }, "linux")).toBe("/c/oathkit");
    expect(cacheFolder(home, "darwin")).toBe("/home/ann/Library/Caches/oathkit");
    expect(cacheFolder({ LOCALAPPDATA: "C:\\Users\\ann\\AppData\\Local" }, "win32")).toMatch(
      /AppData.Local.oathkit$/u,
    );
    expect(cacheFolder({}, "linux")).toBeNull();
    expect(cacheFolder({ HOME: " " }, "linux")).toBeNull();
    expect(cacheFolder({}, "win32")).toBeNull();
  });

  it("is kept per tenant in a private file, and a file that cannot be trusted is ignored", async () => {
    const dir = tempDir();
    const memory = rateMemoryIn(dir);
    expect(memory.recall(tenant)).toBeNull();
    await memory.remember(tenant, 17.456, Date.UTC(2026, 0, 2));
    expect(memory.recall(tenant)).toBe(17.46);
    expect(memory.recall({ ...tenant, graphHost: "graph.microsoft.us" })).toBeNull();
    const [name] = readdirSync(join(dir, "write-rates"));
    const file = join(dir, "write-rates", name!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      writesPerSecond: 17.46,
      learnedAt: "2026-01-02T00:00:00.000Z",
      ...tenant,
    });
    for (const bad of [
      "{",
      '{"writesPerSecond":"20"}',
      '{"writesPerSecond":1e9}',
      "[]",
      "x".repeat(5_000),
    ]) {
      writeFileSync(file, bad);
      expect(memory.recall(tenant)).toBeNull();
    }
    // Nowhere to keep it: nothing is remembered, nothing fails.
    await rateMemoryIn(null).remember(tenant, 5, 0);
    expect(rateMemoryIn(null).recall(tenant)).toBeNull();
  });

  it("an import against a throttling tenant learns its rate, and the next run starts from it", async () => {
    const dir = tempDir();
    const users = members(4);
    const emulator = await startTenant(dir, users, { writeRate: 4 });
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.flatMap((u) => [u.upn, u.upn]),
      "R",
    );
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const cache = join(dir, "cache");
    const importRun = async (file: string) => {
      const run = await runCli(["import", file, "--yes", "--json", "--chunk-size", "1", ...args], {
        cwd: dir,
        env: { ...env, XDG_CACHE_HOME: cache },
      });
      expect(run.code, run.stderr).toBe(0);
      return {
        ...run,
        throttles: ndjson(run.stdout).filter((e) => e["type"] === "throttled").length,
      };
    };
    const first = await importRun("tokens.csv");
    // The safe default (20 writes/s) is above this tenant's 4: it was throttled, and learned.
    expect(first.throttles).toBeGreaterThan(0);
    const memory = rateMemoryIn(join(cache, "oathkit"));
    const key = { tenantId: emulator.tenantId, graphHost: new URL(emulator.url).host };
    const learned = memory.recall(key);
    expect(learned).not.toBeNull();
    expect(learned).toBeLessThan(8);
    const files = filesUnder(cache, () => false);
    expect(Object.keys(files)).toHaveLength(1);
    expect(findSecrets({ ...files, stdout: first.stdout }, secretsOf(tokens))).toEqual([]);

    // The next run starts from the learned rate instead of bouncing off the limit again.
    const more = makeTokens(
      users.flatMap((u) => [u.upn, u.upn]),
      "S",
    );
    writeSeedCsv(join(dir, "more.csv"), more, "base32");
    const next = await importRun("more.csv");
    expect(next.throttles).toBeLessThan(first.throttles);
    expect(memory.recall(key)).not.toBeNull();
  }, 120_000);
});
