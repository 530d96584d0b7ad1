import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { plainSink } from "../../src/present/run-lines.js";
import type { ProvisionEvent } from "../../src/events/provision-events.js";
import type { Summary } from "../../src/events/run-summary.js";
import type { PlanCounts, RunCounts } from "../../src/events/counts.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { Seed } from "../../src/secrets/seed.js";
import { initialProgress, reduceProgress } from "../../src/ui/progress-state.js";
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
  type TestToken,
} from "../helpers/e2e.js";

/**
#9.5: one mixed file — rows validation rejects, rows pre-flight rejects, serials already in the
tenant, tokens an interrupted run created (resumed), tokens created now — and every output of a
run agrees: the validation, the plan, the live progress, the summary, the NDJSON events, the
plain lines and the report's header and rows. Then a rerun where everything is already done.
*/
describe("the counts of one run agree everywhere", () => {
  it("on a mixed file, resumed, and again once everything is done", async () => {
    const dir = tempDir();
    const users = [...members(4), { upn: "guest@contoso.example", guest: true }];
    const emulator = await startTenant(dir, users, { latencyMs: 40 });
    const { args, env } = tenantArgs(emulator);
    const [u1, u2, u3, u4] = users.map((u) => u.upn);

    // Two serials already in the tenant, from another file.
    const present = makeTokens([u1!, u2!], "P");
    writeSeedCsv(join(dir, "present.csv"), present, "base32");
    const pre = await runCli(["import", "present.csv", "--yes", ...args], { cwd: dir, env });
    expect(pre.code, pre.stderr).toBe(0);

    const fresh = makeTokens([u3!, u3!, u3!, u3!, u4!, u4!, u4!, u4!], "N").map((t) => ({
      ...t,
      interval: 30 as const,
    }));
    const row = (
      t: TestToken,
      secret = new Seed(t.seed).toBase32(),
      interval: number = t.interval,
    ) => [t.upn, t.serial, secret, interval, "Token2", "C202", t.hash].join(",");
    const [v1, v2, g1, n1] = makeTokens(
      [u1!, u2!, "guest@contoso.example", "nobody@contoso.example"],
      "X",
    );
    const [p1, p2] = makeTokens([u1!, u2!], "P"); // same serials as `present`, other seeds
    const lines = [
      "upn,serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,hashFunction",
      row(v1!, undefined, 45), // validation: interval
      row(v2!, "NOT!BASE32!AT!ALL!!!!!!!!!!!!!!!"), // validation: seed
      row(g1!), // pre-flight: guest
      row(n1!), // pre-flight: no such user
      row(p1!),
      row(p2!),
      ...fresh.map((t) => row(t)),
    ];
    writeFileSync(join(dir, "mixed.csv"), `${lines.join("\n")}\n`, { mode: 0o600 });
    const command = [
      "import",
      "mixed.csv",
      "--yes",
      "--json",
      "--chunk-size",
      "1",
      "--concurrency",
      "1",
      ...args,
    ];

    // An interrupted first run: killed once it has created a token.
    const child = spawnCli(command, { cwd: dir, env });
    await new Promise<void>((done) => {
      child.stdout?.on("data", (d: Buffer) => {
        if (d.toString().includes('"step":"created"')) child.kill("SIGKILL");
      });
      child.on("close", () => done());
    });

    const resumed = await runCli(command, { cwd: dir, env });
    expect(resumed.code, resumed.stderr).toBe(1); // rows were rejected
    const events = ndjson(resumed.stdout) as ProvisionEvent[];
    const c = expectAgreement(events);
    expect(c).toMatchObject({
      rows: 14,
      rejectedByValidation: 2,
      rejectedByPreflight: 2,
      alreadyDone: 2,
      activated: 8,
      failed: 0,
      notAttempted: 0,
    });
    const preflight = events.find((e) => e.type === "preflight");
    expect(preflight?.type === "preflight" && preflight.resumed).toBeGreaterThan(0);
    expect(c.created).toBeLessThan(8); // some were created by the interrupted run

    // Everything is done: the plan's "already done" is the summary's.
    const again = await runCli(command, { cwd: dir, env });
    expect(again.code, again.stderr).toBe(1);
    const done = expectAgreement(ndjson(again.stdout) as ProvisionEvent[]);
    expect(done).toMatchObject({
      alreadyDone: 10,
      created: 0,
      activated: 0,
      rejectedByPreflight: 2,
    });
    expect(emulator.state().counters.creates).toBe(10);
  }, 120_000);
});

/** Every output of one run carries the same numbers; returns the summary's counts. */
function expectAgreement(events: ProvisionEvent[]): RunCounts {
  const of = <T extends ProvisionEvent["type"]>(type: T) =>
    events.filter((e): e is Extract<ProvisionEvent, { type: T }> => e.type === type);
  const validated = of("validated")[0]!;
  const plan: PlanCounts = of("plan")[0]!.counts;
  const summary: Summary = of("summary")[0]!.summary;
  const c = summary.counts;

  // Every row is counted once, in one state.
  expect(
    c.rejectedByValidation +
      c.rejectedByPreflight +
      c.alreadyDone +
      c.activated +
      c.assigned +
      c.available +
      c.failed +
      c.notAttempted,
  ).toBe(c.rows);
  // Validation and plan against the summary.
  expect([validated.rows, plan.rows]).toEqual([c.rows, c.rows]);
  expect([validated.rejected, plan.rejectedByValidation]).toEqual([
    c.rejectedByValidation,
    c.rejectedByValidation,
  ]);
  expect([of("row-rejected").length, plan.rejectedByPreflight]).toEqual([
    c.rejectedByPreflight,
    c.rejectedByPreflight,
  ]);
  expect(plan.alreadyDone).toBe(c.alreadyDone);
  expect(plan.toDo).toBe(c.activated + c.assigned + c.available + c.failed + c.notAttempted);
  expect(plan.create).toBe(c.created);
  // The live events.
  const steps = (names: string[]) => of("token").filter((e) => names.includes(e.step)).length;
  expect(steps(["created", "reconciled"])).toBe(c.created);
  expect(steps(["activated"])).toBe(c.activated);
  expect(of("token-failed").length).toBe(c.failed);
  const finished = (state: string) => of("finished").filter((e) => e.state === state).length;
  expect(finished("rejected")).toBe(c.rejectedByPreflight);
  expect(finished("already-done")).toBe(c.alreadyDone);
  expect(finished("activated")).toBe(c.activated);
  expect(finished("not-attempted")).toBe(c.notAttempted);

  // The terminal UI's live counts, folded from the same events, before and after the summary.
  const live = events
    .filter((e) => e.type !== "summary")
    .reduce((s, e, i) => reduceProgress(s, e, i), initialProgress);
  const expected = {
    created: c.created,
    activated: c.activated,
    assigned: c.assigned,
    alreadyDone: c.alreadyDone,
    failed: c.failed,
    rejected: c.rejectedByValidation + c.rejectedByPreflight,
  };
  expect(live.counts).toEqual(expected);
  expect(reduceProgress(live, of("summary")[0]!, 0).counts).toEqual(expected);

  // The plain lines printed from the same events.
  let plain = "";
  const sink = plainSink({ write: (t: string) => (plain += t) }, new Scrubber());
  for (const e of events) sink(e);
  const rejected = `${c.rejectedByValidation + c.rejectedByPreflight} rejected (${c.rejectedByValidation} by validation, ${c.rejectedByPreflight} by pre-flight)`;
  expect(plain).toContain(
    `${plan.rows} rows: ${plan.toDo} to do (create ${plan.create}, assign ${plan.assign}, activate ${plan.activate}); ${plan.alreadyDone} already done, ${rejected}`,
  );
  expect(plain).toContain(
    `${c.rows} rows: ${c.activated} activated, ${c.assigned} assigned, ${c.available} available, ${c.alreadyDone} already done; ${c.failed} failed, ${c.notAttempted} not attempted, ${rejected}; ${c.created} created by this run`,
  );

  // The report: its header's counts, and its rows tallied by state.
  const report = readFileSync(summary.reportPath!, "utf8").replace(/^\uFEFF/u, "");
  const header = report.split("\r\n").filter((l) => l.startsWith("# counts."));
  expect(
    Object.fromEntries(header.map((l) => [l.slice(9).split(",")[0], Number(l.split(",")[1])])),
  ).toEqual(c);
  const table = Papa.parse<Record<string, string>>(
    report
      .split("\r\n")
      .filter((l) => !l.startsWith("#"))
      .join("\r\n")
      .trim(),
    { header: true },
  ).data;
  expect(table).toHaveLength(c.rows);
  const rows = (state: string, stage?: string) =>
    table.filter((r) => r["state"] === state && (stage === undefined || r["stage"] === stage))
      .length;
  expect({
    rejectedByValidation: rows("rejected", "validate"),
    rejectedByPreflight: rows("rejected", "preflight"),
    alreadyDone: rows("already-done"),
    activated: rows("activated"),
    assigned: rows("assigned"),
    available: rows("available"),
    failed: rows("failed"),
    notAttempted: rows("not-attempted"),
  }).toEqual({
    rejectedByValidation: c.rejectedByValidation,
    rejectedByPreflight: c.rejectedByPreflight,
    alreadyDone: c.alreadyDone,
    activated: c.activated,
    assigned: c.assigned,
    available: c.available,
    failed: c.failed,
    notAttempted: c.notAttempted,
  });
  return c;
}
