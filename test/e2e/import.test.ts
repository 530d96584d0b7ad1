import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { tempDir } from "../helpers/temp-dir.js";
import {
  filesUnder,
  findSecrets,
  makeTokens,
  members,
  ndjson,
  root,
  runCli,
  secretsOf,
  spawnCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
  type TestToken,
} from "../helpers/e2e.js";

/** Every token is activated, held by its row's user, and was created exactly once. */
function expectAllActivated(emulator: RunningEmulator, tokens: readonly TestToken[]): void {
  const state = emulator.state();
  const bySerial = new Map(state.devices.map((d) => [d.serialNumber, d]));
  for (const t of tokens) {
    const device = bySerial.get(t.serial);
    expect(device, t.serial).toBeDefined();
    expect({
      serial: t.serial,
      status: device?.status,
      holder: device?.holder?.userPrincipalName,
    }).toEqual({ serial: t.serial, status: "activated", holder: t.upn });
    expect(device?.timeIntervalInSeconds).toBe(t.interval);
    expect(device?.hashFunction).toBe(t.hash);
  }
  expect(state.devices).toHaveLength(tokens.length);
  expect(state.counters.activations.replayed).toBe(0);
  expect(state.counters.activations.wrong).toBe(0);
}

function expectNoSecrets(
  dir: string,
  outputs: Record<string, string>,
  tokens: readonly TestToken[],
): void {
  const files = filesUnder(join(dir, "oathkit-runs"), (p) => p.includes(".failures."));
  const found = findSecrets({ ...outputs, ...files }, secretsOf(tokens));
  expect(found).toEqual([]);
  for (const path of Object.keys(files)) expect(statSync(path).mode & 0o777, path).toBe(0o600);
}

describe("oathkit import against the emulator (end to end, real CLI, HTTPS)", () => {
  it("activates a mixed file (30/60 s, SHA-1/SHA-256, Base32 and hex) for the right users", async () => {
    const dir = tempDir();
    const users = members(6);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    const base32 = makeTokens(
      users.flatMap((u) => [u.upn, u.upn]),
      "B",
    );
    const hex = makeTokens(
      users.map((u) => u.upn),
      "H",
    );
    writeSeedCsv(join(dir, "base32.csv"), base32, "base32");
    writeSeedCsv(join(dir, "hex.csv"), hex, "hex");

    const first = await runCli(["import", "base32.csv", "--yes", "--json", ...args], {
      cwd: dir,
      env,
    });
    const second = await runCli(["import", "hex.csv", "--yes", ...args], { cwd: dir, env });
    expect(first.stderr).toBe("");
    expect([first.code, second.code]).toEqual([0, 0]);
    const events = ndjson(first.stdout);
    const summary = events.at(-1) as { type: string; summary: { counts: Record<string, number> } };
    expect(summary.type).toBe("summary");
    expect(summary.summary.counts).toEqual({
      rows: 12,
      rejectedByValidation: 0,
      rejectedByPreflight: 0,
      alreadyDone: 0,
      created: 12,
      assigned: 0,
      activated: 12,
      available: 0,
      failed: 0,
      notAttempted: 0,
    });
    expect(second.stdout).toMatch(
      /6 rows: 6 activated, 0 assigned, 0 available, 0 already done; 0 failed, 0 not attempted, 0 rejected; 6 created by this run/u,
    );
    // Before the plan: which tenant, at which Graph host, as whom (--json: the preflight event).
    expect(events.find((e) => (e as { type: string }).type === "preflight")).toMatchObject({
      target: {
        tenantId: emulator.tenantId,
        tenantDomain: null,
        graphHost: new URL(emulator.url).host,
        signedInAs: { kind: "app", id: emulator.clientId },
        emulator: false,
      },
    });
    expect(second.stdout).toContain(
      `\nWriting to tenant ${emulator.tenantId} at ${new URL(emulator.url).host}, signed in as app ${emulator.clientId}.\nPre-flight: `,
    );
    expectAllActivated(emulator, [...base32, ...hex]);
    expect(emulator.state().counters.creates).toBe(18);
    expectNoSecrets(
      dir,
      { out1: first.stdout, err1: first.stderr, out2: second.stdout, err2: second.stderr },
      [...base32, ...hex],
    );

    // The same command again changes nothing: every serial is this job's and already done.
    const again = await runCli(["import", "base32.csv", "--yes", ...args], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(emulator.state().counters.creates).toBe(18);
    expect(emulator.state().counters.activations.ok).toBe(18);
  });

  it("ends the same under 429s, 503s, lost responses and resets, with no duplicate and no replayed code", async () => {
    const dir = tempDir();
    const users = members(5);
    const emulator = await startTenant(dir, users, { faultRate: 0.1, writeRate: 40, seed: 7 });
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.flatMap((u) => [u.upn, u.upn, u.upn]),
      "F",
    ).map((t) => ({ ...t, interval: 30 as const }));
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");

    const run = await runCli(
      ["import", "tokens.csv", "--yes", "--json", "--chunk-size", "4", ...args],
      { cwd: dir, env },
    );
    expect(run.code, run.stderr).toBe(0);
    expectAllActivated(emulator, tokens);
    const counters = emulator.state().counters;
    expect(counters.creates).toBe(tokens.length);
    expect(counters.duplicateRejections).toBe(0);
    expect(counters.faults["503"] + counters.faults.lost + counters.faults.reset).toBeGreaterThan(
      0,
    );
    expectNoSecrets(dir, { stdout: run.stdout, stderr: run.stderr }, tokens);
  }, 240_000);

  it("refuses to activate from a clock 90 s off, then activates from server time when told", async () => {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users, { clockSkewSec: 90 });
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.map((u) => u.upn),
      "K",
    );
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");

    const refused = await runCli(["import", "tokens.csv", "--yes", ...args], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/clock is 9\d s behind Microsoft Graph's/u);
    expect(refused.stderr).toMatch(/--use-server-time/u);
    expect(emulator.state().devices).toEqual([]);

    const done = await runCli(["import", "tokens.csv", "--yes", "--use-server-time", ...args], {
      cwd: dir,
      env,
    });
    expect(done.code, done.stderr).toBe(0);
    expectAllActivated(emulator, tokens);
  });

  it("finishes the job after kill -9 at several points: each serial created once, activated once", async () => {
    const dir = tempDir();
    const users = members(6);
    const emulator = await startTenant(dir, users, { latencyMs: 60 });
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.flatMap((u) => [u.upn, u.upn]),
      "X",
    ).map((t) => ({ ...t, interval: 30 as const }));
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const command = [
      "import",
      "tokens.csv",
      "--yes",
      "--json",
      "--chunk-size",
      "3",
      "--concurrency",
      "2",
      ...args,
    ];

    // Kill at the first created token, then at the first activation, then let it finish.
    for (const killAt of ['"step":"created"', '"step":"activated"']) {
      const child = spawnCli(command, { cwd: dir, env });
      await new Promise<void>((done) => {
        child.stdout?.on("data", (d: Buffer) => {
          if (d.toString().includes(killAt)) child.kill("SIGKILL");
        });
        child.on("close", () => done());
      });
    }
    const finished = await runCli(command, { cwd: dir, env });
    expect(finished.code, finished.stderr).toBe(0);
    expectAllActivated(emulator, tokens);
    expect(emulator.state().counters.creates).toBe(tokens.length);
    expect(emulator.state().counters.duplicateRejections).toBe(0);
    expect(emulator.state().counters.activations.ok).toBe(tokens.length);
    expectNoSecrets(dir, { stdout: finished.stdout, stderr: finished.stderr }, tokens);
  }, 180_000);

  it("writes nothing on --dry-run (no --yes needed), even with rejected rows (exit 1)", async () => {
    const dir = tempDir();
    const users = [...members(1), { upn: "guest@contoso.example", guest: true }];
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      ["user1@contoso.example", "guest@contoso.example", "nobody@contoso.example"],
      "D",
    );
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");

    const dry = await runCli(["import", "tokens.csv", "--dry-run", ...args], {
      cwd: dir,
      env,
    });
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(
      /Plan \(dry run, nothing written\): 3 rows: 1 to do \(create 1, assign 1, activate 1\); 0 already done, 2 rejected \(0 by validation, 2 by pre-flight\)/u,
    );
    expect(emulator.state().devices).toEqual([]);
    expect(Object.keys(filesUnder(join(dir, "oathkit-runs")))).toEqual([]);

    const yes = await runCli(["import", "tokens.csv", "--yes", ...args], { cwd: dir, env });
    expect(yes.code).toBe(1);
    expect(emulator.state().devices.map((d) => [d.serialNumber, d.status])).toEqual([
      ["D00001", "activated"],
    ]);
    expect(yes.stdout).toMatch(/user-guest/u);
    expect(yes.stdout).toMatch(/user-not-found/u);
  });

  it("activate counts the tokens already active as that, not as already in the tenant", async () => {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    const tokens = makeTokens(
      users.map((u) => u.upn),
      "A",
    );
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const imported = await runCli(["import", "tokens.csv", "--yes", ...args], { cwd: dir, env });
    expect(imported.stdout).toContain("; 0 already in the tenant;");
    const again = await runCli(["activate", "tokens.csv", "--dry-run", ...args], { cwd: dir, env });
    expect(again.stdout).toContain("; 2 already active;");
    expect(again.stdout).not.toContain("already in the tenant");
  });

  it("activate: a seed that is not the tenant's is code-rejected at once, announced live, not retried", async () => {
    const dir = tempDir();
    const users = members(1);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    const [token] = makeTokens([users[0]!.upn], "W");
    writeSeedCsv(join(dir, "tenant.csv"), [token!], "base32");
    writeSeedCsv(join(dir, "wrong.csv"), [{ ...token!, seed: randomBytes(20) }], "base32");
    expect(
      (
        await runCli(["import", "tenant.csv", "--mode", "assign", "--yes", ...args], {
          cwd: dir,
          env,
        })
      ).code,
    ).toBe(0);

    const run = await runCli(["activate", "wrong.csv", "--yes", "--json", ...args], {
      cwd: dir,
      env,
    });
    expect(run.code).toBe(1);
    const events = ndjson(run.stdout);
    const failed = events.findIndex((e) => e["type"] === "token-failed");
    expect(events[failed]).toMatchObject({
      serialNumber: token!.serial,
      stage: "activate",
      code: "code-rejected",
    });
    expect(failed).toBeLessThan(
      events.findIndex((e) => e["type"] === "phase" && e["phase"] === "verify"),
    );
    expect(emulator.state().counters.activations).toEqual({ ok: 0, wrong: 1, replayed: 0 });
    expect(emulator.state().devices[0]?.status).toBe("failedActivation");
  });

  it("inventory mode creates unassigned tokens from a file without UPNs; --map assigns them", async () => {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    const unowned = makeTokens([null, null, null], "V");
    writeSeedCsv(join(dir, "stock.csv"), unowned, "base32");
    const stock = await runCli(["import", "stock.csv", "--mode", "inventory", "--yes", ...args], {
      cwd: dir,
      env,
    });
    expect(stock.code, stock.stdout + stock.stderr).toBe(0);
    expect(emulator.state().devices.map((d) => [d.status, d.holder])).toEqual(
      Array(3).fill(["available", null]),
    );

    // The same kind of vendor file, with the holders supplied by a serial → UPN map.
    const vendor = makeTokens([null, null], "M");
    writeSeedCsv(join(dir, "vendor.csv"), vendor, "base32");
    writeFileSync(
      join(dir, "map.csv"),
      `serial number,upn\n${vendor[0]!.serial},${users[0]!.upn}\n${vendor[1]!.serial},${users[1]!.upn}\n`,
    );
    const mapped = await runCli(["import", "vendor.csv", "--map", "map.csv", "--yes", ...args], {
      cwd: dir,
      env,
    });
    expect(mapped.code, mapped.stdout + mapped.stderr).toBe(0);
    const held = emulator.state().devices.filter((d) => d.serialNumber.startsWith("M"));
    expect(held.map((d) => [d.serialNumber, d.status, d.holder?.userPrincipalName]).sort()).toEqual(
      [
        [vendor[0]!.serial, "activated", users[0]!.upn],
        [vendor[1]!.serial, "activated", users[1]!.upn],
      ],
    );
  });

  it("names the local emulator as the tenant it writes to with --emulator", async () => {
    const sample = join(root, "samples/token2.csv");
    const run = await runCli(["import", sample, "--emulator", "--dry-run"], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /\nWriting to the local emulator \(tenant [0-9a-f-]{36}\) at 127\.0\.0\.1:\d+, signed in as app [0-9a-f-]{36}\.\nPre-flight: /u,
    );
  });
});
