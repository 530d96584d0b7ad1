import { describe, expect, it } from "vitest";
import { readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
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

  it("refuses a journal with another name (a hard link) and takes back a journal left group-readable", async () => {
    const dir = tempDir();
    const users = members(1);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(join(dir, "tokens.csv"), makeTokens([users[0]!.upn], "M"), "base32");

    writeFileSync(join(dir, "loose.jsonl"), "", { mode: 0o644 });
    const run = await runCli(["import", "tokens.csv", "--yes", "--state", "loose.jsonl", ...args], {
      cwd: dir,
      env,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(statSync(join(dir, "loose.jsonl")).mode & 0o777).toBe(0o600);
  });
});
