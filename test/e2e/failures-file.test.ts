import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import {
  makeTokens,
  members,
  ndjson,
  runCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
  type TestToken,
} from "../helpers/e2e.js";
import { Seed } from "../../src/secrets/seed.js";

/**
#9.7: the failures file holds seeds by design. The summary says so and to delete it once used;
when a later run of the same job finishes its rows, the file is deleted and the summary says that.
*/
describe("the failures file", () => {
  it("is announced as holding seeds, and deleted once a later run finishes its rows", async () => {
    const dir = tempDir();
    const users = members(2);
    const late = { upn: "late.joiner@contoso.example", id: "0c000000-0000-4000-8000-00000000000c" };
    const tenantId = "0b000000-0000-4000-8000-00000000000b";
    // The same tenant twice (same id, host and port), before and after a user was created.
    const before = await startTenant(dir, users, { tenantId });
    const tokens = makeTokens([users[0]!.upn, users[1]!.upn, late.upn], "W");
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const run = async (tenant: typeof before) => {
      const { args, env } = tenantArgs(tenant);
      const r = await runCli(["import", "tokens.csv", "--yes", "--json", ...args], {
        cwd: dir,
        env,
      });
      const summary = ndjson(r.stdout).at(-1) as {
        summary: {
          failuresPath: string | null;
          failuresHoldSeeds: boolean;
          failuresRemoved: string | null;
        };
      };
      return { ...r, summary: summary.summary };
    };

    const first = await run(before);
    expect(first.code).toBe(1);
    const path = first.summary.failuresPath!;
    expect(first.summary.failuresHoldSeeds).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).toContain(new Seed(tokens[2]!.seed).toBase32());
    const plain = await runCli(["import", "tokens.csv", "--yes", ...tenantArgs(before).args], {
      cwd: dir,
      env: tenantArgs(before).env,
    });
    expect(plain.stdout).toMatch(
      new RegExp(
        `Rows to retry: ${escape(path)}\\n {2}It holds the seeds of those rows \\(mode 0600\\): delete it once you have used it\\.`,
        "u",
      ),
    );

    await before.stop();
    const after = await startTenant(dir, [...users, late], { tenantId, port: before.port });
    const second = await run(after);
    expect(second.code, second.stderr).toBe(0);
    expect(second.summary.failuresPath).toBeNull();
    expect(second.summary.failuresRemoved).toBe(path);
    expect(existsSync(path)).toBe(false);
    expect(
      after
        .state()
        .devices.map((d) => d.serialNumber)
        .sort(),
    ).toEqual(tokens.map((t: TestToken) => t.serial).sort());
  }, 90_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
