import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
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
#9.6: after Ctrl-C, the tokens the run did not reach are "not attempted" — a final state of their
own in the events, the report and the summary — never "failed"; the rerun finishes them.
*/
describe("a run stopped with Ctrl-C", () => {
  it("reports the tokens it did not reach as not attempted, and the rerun finishes them", async () => {
    const dir = tempDir();
    const users = members(4);
    const emulator = await startTenant(dir, users, { latencyMs: 80 });
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.flatMap((u) => [u.upn, u.upn]),
      "C",
    ).map((t) => ({ ...t, interval: 30 as const }));
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const command = [
      "import",
      "tokens.csv",
      "--yes",
      "--json",
      "--chunk-size",
      "1",
      "--concurrency",
      "1",
      ...args,
    ];

    const child = spawnCli(command, { cwd: dir, env });
    const stopped = await new Promise<CliResult>((done) => {
      let stdout = "";
      let stderr = "";
      let sent = false;
      child.stdout?.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (!sent && stdout.includes('"step":"created"')) {
          sent = true;
          child.kill("SIGINT");
        }
      });
      child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => done({ code, stdout, stderr }));
    });
    expect(stopped.code, stopped.stderr).toBe(130);
    const events = ndjson(stopped.stdout);
    const summary = events.at(-1) as {
      summary: { counts: Record<string, number>; interrupted: boolean; reportPath: string };
    };
    expect(summary.summary.interrupted).toBe(true);
    const c = summary.summary.counts;
    expect(c["failed"]).toBe(0);
    expect(c["notAttempted"]).toBeGreaterThan(0);
    expect(c["notAttempted"]! + c["activated"]!).toBe(tokens.length);
    expect(events.filter((e) => e["type"] === "token-failed")).toEqual([]);
    const finished = events.filter((e) => e["type"] === "finished").map((e) => e["state"]);
    expect(finished.filter((s) => s === "not-attempted")).toHaveLength(c["notAttempted"]!);
    expect(finished).not.toContain("failed");

    const report = readFileSync(summary.summary.reportPath, "utf8").replace(/^\uFEFF/u, "");
    const rows = Papa.parse<Record<string, string>>(
      report
        .split("\r\n")
        .filter((l) => !l.startsWith("#"))
        .join("\r\n")
        .trim(),
      { header: true },
    ).data;
    expect(rows.filter((r) => r["state"] === "not-attempted")).toHaveLength(c["notAttempted"]!);
    for (const r of rows.filter((r) => r["state"] === "not-attempted")) {
      expect(r["errorCode"]).toBe("");
      expect(r["message"]).toMatch(/run the same command again to resume/u);
    }
    expect(rows.map((r) => r["errorCode"])).not.toContain("interrupted");

    const rerun = await runCli(command, { cwd: dir, env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(emulator.state().devices.filter((d) => d.status === "activated")).toHaveLength(
      tokens.length,
    );
    expect(emulator.state().counters.creates).toBe(tokens.length);
  }, 90_000);
});
