import { describe, expect, it } from "vitest";
import { linkSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import {
  makeTokens,
  members,
  runCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";

/**
#15.8: a symbolic link planted at a job file's path must not make oathkit read or append to what
it points at; the run stops before anything is written to the tenant.
*/
describe("job files are never followed through a symbolic link", () => {
  it("refuses a journal path that is a link, leaving its target and the tenant untouched", async () => {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(
      join(dir, "tokens.csv"),
      makeTokens([users[0]!.upn, users[1]!.upn], "L"),
      "base32",
    );
    const victim = join(dir, "precious.txt");
    writeFileSync(victim, "an admin's file\n", { mode: 0o644 });
    symlinkSync(victim, join(dir, "job.jsonl"));

    const run = await runCli(["import", "tokens.csv", "--yes", "--state", "job.jsonl", ...args], {
      cwd: dir,
      env,
    });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(/job\.jsonl is a symbolic link/u);
    expect(readFileSync(victim, "utf8")).toBe("an admin's file\n");
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(emulator.state().devices).toEqual([]);
  });

  it("refuses a journal with another name (a hard link), and takes back one left group-readable", async () => {
    const dir = tempDir();
    const users = members(1);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(join(dir, "tokens.csv"), makeTokens([users[0]!.upn], "M"), "base32");
    const run = (state: string) =>
      runCli(["import", "tokens.csv", "--yes", "--state", state, ...args], { cwd: dir, env });

    const victim = join(dir, "precious.txt");
    writeFileSync(victim, "an admin's file\n", { mode: 0o644 });
    linkSync(victim, join(dir, "twin.jsonl"));
    const refused = await run("twin.jsonl");
    expect(refused.code, refused.stdout + refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/twin\.jsonl is not a plain file of its own/u);
    expect(readFileSync(victim, "utf8")).toBe("an admin's file\n");
    expect(emulator.state().devices).toEqual([]);

    writeFileSync(join(dir, "loose.jsonl"), "", { mode: 0o644 });
    const done = await run("loose.jsonl");
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(statSync(join(dir, "loose.jsonl")).mode & 0o777).toBe(0o600);
  });

  it("replaces a link at the report's or the failures file's path, never what it points to", async () => {
    const dir = tempDir();
    const users = members(1);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(
      join(dir, "tokens.csv"),
      makeTokens([users[0]!.upn, "nobody@contoso.example"], "N"),
      "base32",
    );
    const victims = ["report-target.txt", "failures-target.txt"].map((name) => join(dir, name));
    for (const v of victims) writeFileSync(v, "an admin's file\n", { mode: 0o644 });
    symlinkSync(victims[0]!, join(dir, "report.csv"));
    symlinkSync(victims[1]!, join(dir, "job.failures.csv"));

    const run = await runCli(
      [
        "import",
        "tokens.csv",
        "--yes",
        "--report",
        "report.csv",
        "--force",
        "--state",
        "job.jsonl",
        ...args,
      ],
      { cwd: dir, env },
    );
    expect(run.code, run.stdout + run.stderr).toBe(1); // one row rejected: nobody@
    for (const v of victims) {
      expect(readFileSync(v, "utf8")).toBe("an admin's file\n");
      expect(statSync(v).mode & 0o777).toBe(0o644);
    }
    for (const name of ["report.csv", "job.failures.csv"]) {
      const stat = lstatSync(join(dir, name));
      expect([stat.isFile(), stat.mode & 0o777]).toEqual([true, 0o600]);
    }
    expect(readFileSync(join(dir, "job.failures.csv"), "utf8")).toContain("nobody@contoso.example");
  });
});
