import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { ProvisionEvent } from "../../src/events/provision-events.js";
import { runImportJob, type ImportRequest } from "../../src/import/import-job.js";
import { prepareInput } from "../../src/import/prepare-input.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { Seed } from "../../src/secrets/seed.js";
import { appDirectory, startTestEmulator, testUsers } from "../helpers/emulator.js";
import { defaults, tempDir } from "../helpers/files.js";

/*
The import service in process, against the in-process emulator: the real core, the real Graph
adapter and @azure/identity over HTTPS, no CLI and no child process. What the core says is its
list of events; a newcomer adds a case here by writing a file and reading the events back.
*/

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const request = (cwd: string): ImportRequest => ({
  command: "import",
  mode: "activate",
  cwd,
  mapPath: undefined,
  tuning: { concurrency: 1, chunkSize: 50, maxSkewMs: 30_000 },
  dryRun: false,
  useServerTime: false,
  reportPath: undefined,
  statePath: undefined,
  force: false,
  commandLine: "oathkit import tokens.csv (test)",
});

/**
Runs one import of `csv` into a fresh emulator; returns its events and summary. `now` is the job's
clock and `confirm` its question (answered yes at once by default).
*/
async function importFile(
  csv: string,
  {
    now = Date.now,
    confirm = () => Promise.resolve(true),
    mode = "activate",
    stopAt = () => false,
    newTenantEachRun = false,
  }: Partial<{
    now: () => number;
    confirm: () => Promise<boolean>;
    mode: ImportRequest["mode"];
    /** Ctrl-C as this event is emitted. */
    stopAt: (event: ProvisionEvent) => boolean;
    /** As --emulator: a rerun reaches a new tenant. */
    newTenantEachRun: boolean;
  }> = {},
) {
  emulator = await startTestEmulator();
  const dir = tempDir();
  const file = join(dir, "tokens.csv");
  writeFileSync(file, csv, { mode: 0o600 });
  const scrubber = new Scrubber();
  const prepared = await prepareInput(
    file,
    { seedOptions: defaults, mapPath: undefined, cwd: dir, mode },
    scrubber,
  );
  const directory = appDirectory(emulator, { scrubber });
  const events: ProvisionEvent[] = [];
  const stop = new AbortController();
  const summary = await runImportJob(
    prepared,
    { ...request(dir), mode, newTenantEachRun },
    { confirm },
    {
      openTenant: () =>
        Promise.resolve({
          directory,
          endpoints: { signIn: emulator!.url, graph: emulator!.url },
          close: () => Promise.resolve(),
        }),
      now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      emit: (event) => {
        events.push(event);
        if (stopAt(event)) stop.abort();
      },
      signal: stop.signal,
    },
  );
  return { events, summary };
}

describe("the import service, in process", () => {
  it("reports every step as events: pre-flight, plan, create, activate, verify, report, outcomes", async () => {
    const seeds = [new Seed(randomBytes(20)), new Seed(randomBytes(20))];
    const csv = [
      "upn,serial number,secret key,time interval,manufacturer,model",
      `${testUsers.ana.userPrincipalName},S-1,${seeds[0]!.toBase32()},30,Token2,C202`,
      `${testUsers.ben.userPrincipalName},S-2,${seeds[1]!.toBase32()},30,Token2,C202`,
      `nobody@test.example,S-3,${new Seed(randomBytes(20)).toBase32()},30,Token2,C202`,
    ].join("\n");
    const { events, summary } = await importFile(`${csv}\n`);

    const shape = events.map((e) =>
      e.type === "phase"
        ? `phase ${e.phase} ${e.total}`
        : e.type === "token"
          ? `token ${e.serialNumber} ${e.step}`
          : e.type === "finished"
            ? `finished ${e.serialNumber} ${e.state}`
            : e.type === "row-rejected"
              ? `row-rejected ${e.serialNumber} ${e.code}`
              : e.type,
    );
    expect(shape).toEqual([
      "phase preflight 3",
      "preflight",
      "row-rejected S-3 user-not-found",
      "phase plan 2",
      "plan",
      "phase create 2",
      "token S-1 created",
      "token S-2 created",
      "phase activate 2",
      "token S-1 activated",
      "token S-2 activated",
      "phase verify 2",
      "phase report 3",
      "finished S-1 activated",
      "finished S-2 activated",
      "finished S-3 rejected",
      "summary",
    ]);
    const plan = events.find((e) => e.type === "plan");
    expect(plan).toMatchObject({
      counts: { rows: 3, toDo: 2, create: 2, assign: 2, activate: 2, rejectedByPreflight: 1 },
      dryRun: false,
    });
    expect(summary.counts).toMatchObject({ rows: 3, activated: 2, created: 2, failed: 0 });
    expect(summary.counts.rejectedByPreflight).toBe(1);

    // What the events and the report carry: never a seed.
    const said = JSON.stringify(events) + readFileSync(summary.reportPath!, "utf8");
    for (const seed of seeds) for (const form of seed.textForms()) expect(said).not.toContain(form);
  });

  it("gives the run's time in the summary, not the time the question waited for an answer", async () => {
    const seed = new Seed(randomBytes(20));
    const csv = `upn,serial number,secret key,time interval,manufacturer,model
${testUsers.ana.userPrincipalName},W-1,${seed.toBase32()},30,Token2,C202
`;
    // The admin takes ten minutes to answer y (no codes in this mode: the clock may jump).
    let away = 0;
    const now = () => Date.now() + away;
    const confirm = () => {
      away += 600_000;
      return Promise.resolve(true);
    };
    const { summary } = await importFile(csv, { now, confirm, mode: "inventory" });
    expect(summary.counts.created).toBe(1);
    expect(summary.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(summary.elapsedMs).toBeLessThan(600_000);
  });

  it("a stop where a rerun reaches a new tenant (--emulator) does not tell the rows to resume", async () => {
    const seeds = [new Seed(randomBytes(20)), new Seed(randomBytes(20))];
    const csv = [
      "upn,serial number,secret key,time interval,manufacturer,model",
      `${testUsers.ana.userPrincipalName},E-1,${seeds[0]!.toBase32()},30,Token2,C202`,
      `${testUsers.ben.userPrincipalName},E-2,${seeds[1]!.toBase32()},30,Token2,C202`,
    ].join("\n");
    const { summary } = await importFile(`${csv}\n`, {
      newTenantEachRun: true,
      stopAt: (e) => e.type === "token" && e.step === "created",
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.counts.notAttempted).toBeGreaterThan(0);
    const report = readFileSync(summary.reportPath!, "utf8");
    const left = report.split("\r\n").filter((line) => line.includes(",not-attempted,"));
    expect(left).toHaveLength(summary.counts.notAttempted);
    for (const line of left) {
      expect(line).toContain("there is nothing to resume");
      expect(line).not.toContain("run the same command again");
    }
  });
});
