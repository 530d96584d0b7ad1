import { describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import {
  makeTokens,
  members,
  ndjson,
  runCli,
  spawnCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
  type CliResult,
} from "../helpers/e2e.js";

/**
#15.10: when the report cannot be written after tokens were written, the run must not claim that
nothing was done: the summary is still printed, the exit code says the run finished with a
problem (1), the message names the report's path, and the journal holds every step.
*/
describe("a report that cannot be written at the end of a run", () => {
  it("still prints the summary, names the report's problem and exits 1", async () => {
    const dir = tempDir();
    const users = members(3);
    const emulator = await startTenant(dir, users, { latencyMs: 40 });
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.map((u) => u.upn),
      "R",
    );
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const reports = join(dir, "reports");
    const command = [
      "import",
      "tokens.csv",
      "--yes",
      "--json",
      "--report",
      "reports/run.csv",
      "--state",
      "state/job.jsonl",
      ...args,
    ];

    // Once creating starts, the report's folder is replaced by a plain file: the report can no
    // longer be written there, whatever the process's rights.
    const child = spawnCli(command, { cwd: dir, env });
    const result = await swapFolderOn(child, '"phase":"create"', reports);

    expect(result.code, result.stderr).toBe(1);
    expect(emulator.state().devices.map((d) => d.status)).toEqual(Array(3).fill("activated"));
    const summary = ndjson(result.stdout).find((e) => e["type"] === "summary") as
      { summary: { counts: Record<string, number>; reportPath: unknown } } | undefined;
    expect(summary?.summary.counts).toMatchObject({ activated: 3, failed: 0 });
    expect(summary?.summary.reportPath).toBeNull();
    expect(result.stderr).toMatch(/report .*reports\/run\.csv.* could not be written/u);
    expect(result.stderr).not.toMatch(/nothing was (done|written)|bug/iu);
    const journal = readFileSync(join(dir, "state/job.jsonl"), "utf8");
    for (const t of tokens) expect(journal).toContain(`"serial":"${t.serial}","at"`);
    expect(journal.match(/"phase":"verified"/gu)).toHaveLength(3);
  });

  it("remove: the same — the tokens are gone, the summary is printed, the report's problem named, exit 1", async () => {
    const dir = tempDir();
    const emulator = await startTenant(dir, members(1), { latencyMs: 100 });
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens([null, null, null], "D");
    writeSeedCsv(join(dir, "stock.csv"), tokens, "base32");
    const stocked = await runCli(["import", "stock.csv", "--mode", "inventory", "--yes", ...args], {
      cwd: dir,
      env,
    });
    expect(stocked.code, stocked.stderr).toBe(0);

    const reports = join(dir, "reports");
    const serials = tokens.map((t) => t.serial);
    const child = spawnCli(
      ["remove", ...serials, "--yes", "--json", "--report", "reports/rm.csv", ...args],
      { cwd: dir, env },
    );
    const result = await swapFolderOn(child, '"type":"plan"', reports);
    expect(result.code, result.stderr).toBe(1);
    expect(emulator.state().devices).toEqual([]);
    const summary = ndjson(result.stdout).find((e) => e["type"] === "summary") as
      { summary: { counts: Record<string, number>; reportPath: unknown } } | undefined;
    expect(summary?.summary.counts).toMatchObject({ deleted: 3, failed: 0 });
    expect(summary?.summary.reportPath).toBeNull();
    expect(result.stderr).toMatch(/report .*reports\/rm\.csv.* could not be written/u);
    expect(result.stderr).not.toMatch(/nothing was (done|removed)|bug/iu);
  });
});

/** Runs the child; once its output shows `marker`, the folder is replaced by a plain file. */
function swapFolderOn(child: ChildProcess, marker: string, folder: string): Promise<CliResult> {
  return new Promise<CliResult>((done) => {
    let stdout = "";
    let stderr = "";
    let swapped = false;
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (!swapped && stdout.includes(marker)) {
        swapped = true;
        rmSync(folder, { recursive: true, force: true });
        writeFileSync(folder, "not a folder\n");
      }
    });
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}
