import { describe, expect, it } from "vitest";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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
} from "../helpers/e2e.js";

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as {
  version: string;
};
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u;

/** The `# name,value` lines at the head of a report CSV, as a map. */
function auditOf(text: string): Map<string, string> {
  const lines = text.replace(/^\uFEFF/u, "").split("\r\n");
  const head = lines.filter((l) => l.startsWith("# ")).join("\r\n");
  const rows = Papa.parse<string[]>(head, { delimiter: "," }).data;
  return new Map(rows.map(([name, value]) => [name!.slice(2), value ?? ""]));
}

/**
#9.4: every run writes its own report, an audit record naming tenant, host, identity, version,
command line, times and counts; nothing replaces an existing file without --force, and never the
input file; the journal is found by a rerun whatever the report is called.
*/
describe("reports", () => {
  it("a seed file read despite its mode is said on the way and noted in the report", async () => {
    const dir = tempDir();
    const users = members(1);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(join(dir, "open.csv"), makeTokens([users[0]!.upn], "P"), "base32");
    chmodSync(join(dir, "open.csv"), 0o644);
    const run = await runCli(
      ["import", "open.csv", "--yes", "--allow-insecure-permissions", ...args],
      { cwd: dir, env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/line 1 - insecure-permissions: group or others may read .*0644/u);
    // One row is "1 row", in every line that counts rows.
    expect(run.stdout).toMatch(
      /open\.csv: 1 row, 1 valid, 0 rejected \(csv, seeds read as Base32\)/u,
    );
    expect(run.stdout).toContain("Plan: 1 row: 1 to do");
    expect(run.stdout).toMatch(/Done in .*: 1 row: 1 activated/u);
    const report = readdirSync(join(dir, "oathkit-runs"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".csv"))
      .map((f) => readFileSync(join(dir, "oathkit-runs", f), "utf8"));
    expect(report).toHaveLength(1);
    expect(auditOf(report[0]!).get("note")).toMatch(
      /^group or others may read this seed file \(mode 0644\); read anyway because of --allow-insecure-permissions$/u,
    );
  });

  it("each run writes its own report, headed by who ran what, where and when", async () => {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(
      join(dir, "tokens.csv"),
      makeTokens(
        users.map((u) => u.upn),
        "A",
      ),
      "base32",
    );
    const paths: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const run = await runCli(["import", "tokens.csv", "--yes", "--json", ...args], {
        cwd: dir,
        env,
      });
      expect(run.code, run.stderr).toBe(0);
      const summary = ndjson(run.stdout).at(-1) as { summary: { reportPath: string } };
      paths.push(summary.summary.reportPath);
    }
    expect(paths[0]).not.toBe(paths[1]);
    for (const p of paths)
      expect(p).toMatch(/oathkit-runs\/tokens-[0-9a-f]{8}\/import-\d{8}T\d{6}Z(-\d+)?\.csv$/u);
    const [first, second] = paths.map((p) => readFileSync(p, "utf8"));
    expect(first).toContain(",activated,");
    expect(second).toContain(",already-done,");

    const audit = auditOf(first!);
    expect(audit.get("report")).toBe("oathkit import");
    expect(audit.get("tenantId")).toBe(emulator.tenantId);
    expect(audit.get("graphHost")).toBe(`127.0.0.1:${emulator.port}`);
    expect(audit.get("signedInAs")).toBe(`app ${emulator.clientId}`);
    expect(audit.get("oathkitVersion")).toBe(pkg.version);
    expect(audit.get("commandLine")).toBe(
      `oathkit import tokens.csv --yes --json ${args.join(" ")}`,
    );
    expect(audit.get("startedAt")).toMatch(iso);
    expect(audit.get("finishedAt")).toMatch(iso);
    expect(audit.get("counts.activated")).toBe("2");
    expect(first).not.toContain(emulator.clientSecret);
    // The table follows the header: one row per token.
    const table = first!.split("\r\n").filter((l) => !l.replace(/^\uFEFF/u, "").startsWith("#"));
    expect(table[0]).toBe(
      "line,serialNumber,upn,deviceId,state,status,stage,errorCode,message,requestId,driftSeconds",
    );
  });

  it("the JSON report carries the same record under run", async () => {
    const dir = tempDir();
    const users = members(1);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(join(dir, "tokens.csv"), makeTokens([users[0]!.upn], "J"), "base32");
    const run = await runCli(["import", "tokens.csv", "--yes", "--report", "r.json", ...args], {
      cwd: dir,
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as {
      run: Record<string, unknown>;
      tokens: Array<Record<string, unknown>>;
    };
    expect(report.run).toMatchObject({
      command: "import",
      tenantId: emulator.tenantId,
      graphHost: `127.0.0.1:${emulator.port}`,
      signedInAs: { kind: "app", id: emulator.clientId },
      oathkitVersion: pkg.version,
      counts: { rows: 1, activated: 1 },
    });
    expect(report.run["startedAt"]).toMatch(iso);
    expect(report.tokens.map((t) => t["state"])).toEqual(["activated"]);
  });

  it("never writes over the input file, and over another file only with --force; nothing is sent first", async () => {
    const dir = tempDir();
    const users = members(1);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(join(dir, "tokens.csv"), makeTokens([users[0]!.upn], "F"), "base32");
    const seeds = readFileSync(join(dir, "tokens.csv"), "utf8");
    const run = (extra: string[]) =>
      runCli(["import", "tokens.csv", "--yes", ...extra, ...args], { cwd: dir, env });

    for (const extra of [
      ["--report", "tokens.csv"],
      ["--report", "./tokens.csv", "--force"],
      ["--state", "tokens.csv"],
    ]) {
      const refused = await run(extra);
      expect(refused.code, extra.join(" ")).toBe(2);
      expect(refused.stderr).toMatch(
        /is an input file of this command; oathkit never writes over its input/u,
      );
    }
    expect(readFileSync(join(dir, "tokens.csv"), "utf8")).toBe(seeds);

    writeFileSync(join(dir, "taken.csv"), "an admin's notes\n");
    const exists = await run(["--report", "taken.csv"]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/taken\.csv already exists; .*--force/su);
    expect(readFileSync(join(dir, "taken.csv"), "utf8")).toBe("an admin's notes\n");
    expect(emulator.state().devices).toEqual([]);

    const forced = await run(["--report", "taken.csv", "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, "taken.csv"), "utf8")).toContain(",activated,");
  });

  it("a rerun finds the job's journal whatever its report is called", async () => {
    const dir = tempDir();
    const users = members(4);
    const emulator = await startTenant(dir, users, { latencyMs: 60 });
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.flatMap((u) => [u.upn, u.upn]),
      "K",
    ).map((t) => ({ ...t, interval: 30 as const }));
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const command = (report: string) => [
      "import",
      "tokens.csv",
      "--yes",
      "--json",
      "--chunk-size",
      "1",
      "--concurrency",
      "1",
      "--report",
      report,
      ...args,
    ];
    const child = spawnCli(command("first.csv"), { cwd: dir, env });
    await new Promise<void>((done) => {
      child.stdout?.on("data", (d: Buffer) => {
        if (d.toString().includes('"step":"created"')) child.kill("SIGKILL");
      });
      child.on("close", () => done());
    });
    const rerun = await runCli(command("second.csv"), { cwd: dir, env });
    expect(rerun.code, rerun.stderr).toBe(0);
    const preflight = ndjson(rerun.stdout).find((e) => e["type"] === "preflight");
    expect(preflight?.["resumed"]).toBeGreaterThan(0);
    expect(emulator.state().counters.creates).toBe(tokens.length);
    expect(emulator.state().counters.duplicateRejections).toBe(0);
    expect(readdirSync(dir)).toContain("second.csv");
  }, 90_000);
});
