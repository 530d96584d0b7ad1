import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import {
  filesUnder,
  makeTokens,
  members,
  runCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";

/*
One rule for every command that writes to a tenant: off a terminal (stdin or stdout not a
terminal, or --json) and without --yes, nothing is written and the command exits 2. --dry-run
needs no --yes. The child processes here have no terminal: stdin is /dev/null, stdout a pipe.
*/

const refusal = /^Nothing was written: pass --yes to confirm off a terminal\.$/mu;

async function setUp(prefix: string) {
  const dir = tempDir();
  const users = members(2);
  const emulator = await startTenant(dir, users);
  const tokens = makeTokens(
    users.map((u) => u.upn),
    prefix,
  );
  writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
  const { args, env } = tenantArgs(emulator);
  const run = (...argv: string[]) => runCli([...argv, ...args], { cwd: dir, env });
  const state = () => emulator.state().devices.map((d) => [d.serialNumber, d.status]);
  return { dir, tokens, run, state };
}

describe("writing off a terminal needs --yes", () => {
  it("import: piped and --json without --yes write nothing (exit 2); --dry-run needs no --yes", async () => {
    const t = await setUp("P");
    for (const extra of [[], ["--json"]]) {
      const refused = await t.run("import", "tokens.csv", ...extra);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(refusal);
      expect(refused.stdout).toBe(""); // refused before reading the file or signing in
      expect(t.state()).toEqual([]);
    }
    expect(Object.keys(filesUnder(join(t.dir, "oathkit-runs")))).toEqual([]);

    const dry = await t.run("import", "tokens.csv", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Plan \(dry run, nothing written\): 2 rows: 2 to do \(create 2,/u);
    expect(t.state()).toEqual([]);

    const yes = await t.run("import", "tokens.csv", "--yes");
    expect(yes.code).toBe(0);
    expect(t.state()).toEqual([
      ["P00001", "activated"],
      ["P00002", "activated"],
    ]);
  }, 60_000);

  it("activate: piped without --yes activates nothing (exit 2)", async () => {
    const t = await setUp("A");
    expect((await t.run("import", "tokens.csv", "--mode", "assign", "--yes")).code).toBe(0);
    const refused = await t.run("activate", "tokens.csv");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(refusal);
    expect(t.state()).toEqual([
      ["A00001", "assigned"],
      ["A00002", "assigned"],
    ]);
    const json = await t.run("activate", "tokens.csv", "--json", "--yes");
    expect(json.code).toBe(0);
    expect(t.state().map(([, status]) => status)).toEqual(["activated", "activated"]);
  }, 60_000);

  it("remove: piped and --json without --yes delete nothing (exit 2)", async () => {
    const t = await setUp("R");
    expect((await t.run("import", "tokens.csv", "--yes")).code).toBe(0);
    for (const extra of [[], ["--json"]]) {
      const refused = await t.run("remove", "R00001", ...extra);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(refusal);
      expect(t.state()).toHaveLength(2);
    }
    expect((await t.run("remove", "R00001", "--dry-run")).code).toBe(0);
    expect(t.state()).toHaveLength(2);
  }, 60_000);
});
