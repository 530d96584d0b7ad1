import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RemoveEvent, RemoveSummary } from "../../src/events/remove-events.js";
import { tempDir } from "../helpers/temp-dir.js";
import {
  findSeed,
  memberIds,
  runCli,
  seedTokens,
  startCli,
  startTenant,
  users,
  type TestTenant,
} from "../helpers/inventory-tenant.js";

/*
`oathkit remove` end to end: the real CLI against the real emulator over HTTPS. Each test uses its
own serials in one shared tenant; the kill -9 test has its own slow tenant.
*/

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await startTenant({ pageSize: 5 });
});

afterAll(() => tenant.stop());

/** No output, report or journal of these runs holds a seed the tenant was given. */
function expectNoSeed(...texts: string[]): void {
  expect(findSeed(tenant, ...texts), "a seed in the output").toBeUndefined();
}

async function remove(args: readonly string[], cwd = tempDir()) {
  const result = await runCli(["remove", ...tenant.args, ...args], { env: tenant.env, cwd });
  expectNoSeed(result.stdout, result.stderr);
  return { ...result, cwd, events: ndjson(result.stdout) };
}

function ndjson(text: string): RemoveEvent[] {
  if (!text.trimStart().startsWith("{")) return [];
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as RemoveEvent);
}

/** The summary, which must be the last event. */
function summaryOf(events: readonly RemoveEvent[]): RemoveSummary {
  const last = events.at(-1);
  if (last?.type !== "summary") throw new Error("the last event is not the summary");
  return last.summary;
}

function inTenant(...serials: string[]) {
  return tenant.emulator.state().devices.filter((d) => serials.includes(d.serialNumber));
}

describe("oathkit remove", () => {
  it("unassigns and deletes assigned, activated and available tokens; a serial never seen is not found (exit 1)", async () => {
    await seedTokens(tenant, [
      { serialNumber: "R1", holder: users.adele.id },
      { serialNumber: "R2", holder: users.alex.id, activate: true },
      { serialNumber: "R3" },
    ]);
    const before = tenant.emulator.state().counters;
    const run = await remove(["R1", "R2", "R3", "NOPE", "--yes", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.events[0]).toEqual({
      type: "plan",
      mode: "remove",
      // Which tenant, at which Graph host, as whom: what the question names too.
      target: {
        tenantId: tenant.emulator.tenantId,
        tenantDomain: null,
        graphHost: new URL(tenant.emulator.url).host,
        signedInAs: { kind: "app", id: tenant.emulator.clientId, name: null },
        emulator: false,
      },
      counts: {
        serials: 4,
        unassign: 2,
        delete: 3,
        alreadyGone: 0,
        notFound: 1,
        alreadyUnassigned: 0,
      },
      serials: [
        { serialNumber: "R1", action: "unassign-delete", holder: users.adele.upn },
        { serialNumber: "R2", action: "unassign-delete", holder: users.alex.upn },
        { serialNumber: "R3", action: "delete", holder: null },
        { serialNumber: "NOPE", action: "not-found", holder: null },
      ],
      dryRun: false,
    });
    const summary = summaryOf(run.events);
    expect(summary.counts).toMatchObject({ deleted: 3, alreadyGone: 0, notFound: 1, failed: 0 });
    expect(inTenant("R1", "R2", "R3")).toEqual([]);
    const after = tenant.emulator.state().counters;
    expect(after.unassignments - before.unassignments).toBe(2);
    expect(after.deletes - before.deletes).toBe(3);

    const report = summary.reportPath!;
    expect(statSync(report).mode & 0o777).toBe(0o600);
    const lines = readFileSync(report, "utf8").trimEnd().split("\r\n");
    expectNoSeed(lines.join("\n"));
    // The audit header (`# name,value` lines), then the table.
    const table = lines.indexOf(
      "serialNumber,state,deviceId,userPrincipalName,userId,stage,errorKind,errorCode,message,requestId",
    );
    expect(lines[0]).toBe("\uFEFF# report,oathkit remove");
    expect(lines.slice(1, table).every((l) => l.startsWith("# "))).toBe(true);
    expect(lines).toContain(`# tenantId,${tenant.emulator.tenantId}`);
    expect(lines).toContain("# counts.deleted,3");
    expect(lines.find((l) => l.startsWith("R2,"))).toContain(`,deleted,`);
    expect(lines.find((l) => l.startsWith("R2,"))).toContain(users.alex.upn);
    expect(lines.find((l) => l.startsWith("NOPE,"))).toContain(",not-found,");
    const journal = readFileSync(summary.journalPath!, "utf8");
    expectNoSeed(journal);
    expect(journal).toContain('"phase":"unassign-sent"');
    expect(journal).toContain('"phase":"deleted"');

    // The same command again: nothing left to write, the report still says what this job did;
    // the serials it deleted are done, the one never seen is still not found.
    const again = await remove(["R1", "R2", "R3", "NOPE", "--json", "--yes"], run.cwd);
    expect(again.code).toBe(1);
    expect(again.events[0]).toMatchObject({ counts: { alreadyGone: 3, notFound: 1, delete: 0 } });
    expect(summaryOf(again.events).counts).toMatchObject({ deleted: 3, notFound: 1 });
    expect(tenant.emulator.state().counters.deletes).toBe(after.deletes);
  });

  it("--unassign-only returns tokens to the inventory", async () => {
    await seedTokens(tenant, [
      { serialNumber: "U1", holder: users.adele.id },
      { serialNumber: "U2", holder: users.alex.id, activate: true },
      { serialNumber: "U3" },
    ]);
    const run = await remove(["U1", "U2", "U3", "--unassign-only", "--yes", "--json"]);
    expect(run.code).toBe(0);
    expect(summaryOf(run.events).counts).toMatchObject({
      unassigned: 2,
      alreadyUnassigned: 1,
      deleted: 0,
      failed: 0,
    });
    expect(inTenant("U1", "U2", "U3").map((d) => [d.serialNumber, d.status, d.holder])).toEqual([
      ["U1", "available", null],
      ["U2", "available", null],
      ["U3", "available", null],
    ]);
  });

  it("lists every serial in the plan before the question, a mistyped one as not found", async () => {
    await seedTokens(tenant, [
      { serialNumber: "L1", holder: users.diego.id },
      { serialNumber: "L2" },
    ]);
    const run = await remove(["L1", "L2", "L3X", "--yes"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        "Plan: 3 serials, 1 to unassign, 2 to delete, 1 not found.",
        `  L1      unassign from ${users.diego.upn}, then delete`,
        "  L2      delete (not assigned)",
        "  L3X     NOT FOUND in the tenant",
      ].join("\n"),
    );
    expect(run.stdout).toContain("Done: 2 deleted, 0 unassigned, 0 already gone, 0 failed.");
    expect(run.stdout).toContain("1 serial was not found in the tenant");
    expect(inTenant("L1", "L2")).toEqual([]);
  });

  it("waits out throttling like import: every token removed under a write limit, none failed", async () => {
    // 12 writes at once against 4 writes/s: most are answered 429 with a Retry-After, several
    // times over; the run pauses every worker and sends them again until all are through.
    // (remove-tokens.test.ts has the case that made remove give up: 429s past 5 attempts.)
    const limited = await startTenant({ writeRate: 4 });
    try {
      const serials = Array.from({ length: 12 }, (_, i) => `W${String(i).padStart(2, "0")}`);
      await seedTokens(
        limited,
        serials.map((serialNumber) => ({ serialNumber })),
      );
      const args = [
        "remove",
        ...limited.args,
        ...serials,
        "--yes",
        "--json",
        "--concurrency",
        "16",
      ];
      const run = await runCli(args, { env: limited.env, cwd: tempDir() });
      expectNoSeed(run.stdout, run.stderr);
      expect(run.stderr).toBe("");
      const events = ndjson(run.stdout);
      expect(summaryOf(events).counts).toMatchObject({ deleted: 12, failed: 0 });
      expect(events.filter((e) => e.type === "throttled").length).toBeGreaterThan(3);
      expect(run.code).toBe(0);
      expect(limited.emulator.state().devices).toEqual([]);
    } finally {
      await limited.stop();
    }
  });

  it("--dry-run shows the plan and writes nothing, not even a file", async () => {
    await seedTokens(tenant, [
      { serialNumber: "D1", holder: users.adele.id },
      { serialNumber: "D2" },
    ]);
    const before = JSON.stringify(inTenant("D1", "D2"));
    const run = await remove(["D1", "D2", "D3", "--dry-run"]);
    expect(run.code).toBe(1); // D3 is not found, as in the real run

    expect(run.stdout).toContain(
      "Plan (dry run, nothing will be written): 3 serials, 1 to unassign, 2 to delete, 1 not found.",
    );
    expect(JSON.stringify(inTenant("D1", "D2"))).toBe(before);
    expect(readdirSync(run.cwd)).toEqual([]);
  });

  it("stops with exit 2 and one sentence when sign-in fails", async () => {
    const cwd = tempDir();
    const env = { ...tenant.env, AZURE_CLIENT_SECRET: "not-the-secret" };
    const run = await runCli(["remove", ...tenant.args, "R1", "--yes"], { env, cwd });
    expectNoSeed(run.stdout, run.stderr);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(2);
    expect(run.stderr).not.toContain("    at ");
    expect(run.stderr).not.toContain("not-the-secret");
  });

  it("--file refuses a seed file and reads the serial column of an oathkit report", async () => {
    const seeds = await seedTokens(tenant, [
      { serialNumber: "F1", holder: users.diego.id },
      { serialNumber: "F2" },
      { serialNumber: "-F3", model: "=cmd" },
    ]);
    const cwd = tempDir();
    const seedFile = [
      "upn,serial number,secret key,time interval,manufacturer,model",
      ...["F1", "F2"].map(
        (s) => `${users.diego.upn},${s},${seeds.get(s)!.toBase32()},30,Token2,C202`,
      ),
    ].join("\n");
    writeFileSync(join(cwd, "seeds.csv"), seedFile, { mode: 0o600 });
    const fromSeeds = await remove(["--file", "seeds.csv", "--yes"], cwd);
    expect(fromSeeds.code).toBe(2);
    expect(fromSeeds.stderr).toContain("it is a seed file");
    // Readable by others, it is refused as a seed file all the same: no chmod advice for a file
    // remove would refuse anyway; a list of serials still has to be private.
    writeFileSync(join(cwd, "open-seeds.csv"), seedFile, { mode: 0o644 });
    const openSeeds = await remove(["--file", "open-seeds.csv", "--yes"], cwd);
    expect([openSeeds.code, openSeeds.stderr]).toEqual([
      2,
      expect.stringContaining("it is a seed file"),
    ]);
    expect(openSeeds.stderr).not.toContain("chmod");
    writeFileSync(join(cwd, "open-serials.csv"), "serialNumber\nF1\n", { mode: 0o644 });
    const openSerials = await remove(["--file", "open-serials.csv", "--yes"], cwd);
    expect([openSerials.code, openSerials.stderr]).toEqual([
      2,
      expect.stringContaining("chmod 600"),
    ]);
    expect(inTenant("F1", "F2").map((d) => d.serialNumber)).toEqual(["F1", "F2"]);
    writeFileSync(join(cwd, "serials.csv"), "serialNumber\nF1\nF2\n", { mode: 0o600 });
    const fromList = await remove(["--file", "serials.csv", "--yes"], cwd);
    expect(fromList.code).toBe(0);
    expect(fromList.stdout).toContain("Done: 2 deleted, 0 unassigned, 0 already gone, 0 failed.");
    expect(inTenant("F1", "F2")).toEqual([]);

    // A list export escapes "-F3" as "'-F3" for spreadsheets; remove reads it back as -F3.
    const exported = await runCli(["list", ...tenant.args, "--model", "=cmd", "--csv", "x.csv"], {
      env: tenant.env,
      cwd,
    });
    expect(exported.code).toBe(0);
    expect(readFileSync(join(cwd, "x.csv"), "utf8")).toContain("\r\n'-F3,Token2,'=cmd,");
    const fromReport = await remove(["--file", "x.csv", "--yes", "--json"], cwd);
    expect(fromReport.code).toBe(0);
    expect(summaryOf(fromReport.events).counts).toMatchObject({ serials: 1, deleted: 1 });
    expect(inTenant("-F3")).toEqual([]);
  });

  it("resends a write whose answer was lost or throttled, and still removes each token once", async () => {
    // Seed 3 draws one lost answer (the write applied, its response dropped) and two 503s
    // for this request sequence (--concurrency 1 keeps the sequence fixed), and a few 429s.
    const faulty = await startTenant({ faultRate: 0.3, writeRate: 4, seed: 3 });
    try {
      const serials = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"];
      await seedTokens(
        faulty,
        serials.map((serialNumber, i) => ({
          serialNumber,
          ...(i < 3 ? { holder: memberIds[i]! } : {}),
        })),
      );
      const cwd = tempDir();
      const args = ["remove", ...faulty.args, ...serials, "--yes", "--json", "--concurrency", "1"];
      const run = await runCli(args, { env: faulty.env, cwd });
      expectNoSeed(run.stdout, run.stderr);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const events = ndjson(run.stdout);
      expect(events.some((e) => e.type === "retry" || e.type === "throttled")).toBe(true);
      expect(summaryOf(events).counts).toMatchObject({ deleted: 6, failed: 0 });
      const state = faulty.emulator.state();
      expect(state.devices).toEqual([]);
      expect(state.counters.deletes).toBe(6);
      expect(state.counters.faults.lost).toBeGreaterThan(0);
    } finally {
      await faulty.stop();
    }
  });

  it("finishes the job after kill -9 mid-run: every serial gone exactly once, no errors", async () => {
    const slow = await startTenant({ latencyMs: 60 });
    try {
      const serials = Array.from({ length: 16 }, (_, i) => `K${String(i).padStart(2, "0")}`);
      await seedTokens(
        slow,
        serials.map((serialNumber, i) => ({
          serialNumber,
          ...(i % 2 === 0 ? { holder: memberIds[i / 2]! } : {}),
        })),
      );
      const cwd = tempDir();
      const args = ["remove", ...slow.args, ...serials, "--yes", "--json", "--concurrency", "2"];
      const child = startCli(args, { env: slow.env, cwd });
      let stdout = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if ((stdout.match(/"step":"deleted"/gu) ?? []).length >= 4) {
            child.kill("SIGKILL");
            resolve();
          }
        });
        child.on("exit", () => reject(new Error(`finished before the kill:\n${stdout}`)));
      });
      await new Promise((resolve) => child.once("close", resolve));
      const left = slow.emulator.state().devices.length;
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(16);

      const rerun = await runCli(args, { env: slow.env, cwd });
      expectNoSeed(stdout, rerun.stdout, rerun.stderr);
      expect(rerun.stderr).toBe("");
      expect(rerun.code).toBe(0);
      const summary = summaryOf(ndjson(rerun.stdout));
      expect(summary.counts).toMatchObject({ serials: 16, deleted: 16, failed: 0, alreadyGone: 0 });
      const state = slow.emulator.state();
      expect(state.devices).toEqual([]);
      expect(state.counters.deletes).toBe(16);
      expect(state.counters.unassignments).toBe(8);
      expect(
        findSeed(slow, stdout, rerun.stdout, readFileSync(summary.reportPath!, "utf8")),
      ).toBeUndefined();
    } finally {
      await slow.stop();
    }
  });
});
