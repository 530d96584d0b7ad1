import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  sampleUsersFile,
  startEmulator,
  trustEmulatorCa,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../src/emulator/index.js";
import type { ProvisionEvent } from "../../src/events/provision-events.js";
import { runProvision } from "../../src/import/run-provision.js";
import type { Token } from "../../src/validate/token-schema.js";
import { appDirectory } from "../helpers/emulator.js";
import { Seed } from "../../src/secrets/seed.js";

/*
Issue #15 item 2: a bulk create that keeps failing per item (or as a whole) is resent only a
bounded number of times, with backoff between the rounds, then each token falls back to a single
POST. The real provisioning core and adapter against the real emulator; the bound is counted on
the emulator and the backoff read from the injected sleep, never from the wall clock.
*/

let certDir = "";
const running: RunningEmulator[] = [];
const bulk = "PATCH directory/authenticationMethodDevices/hardwareOathDevices";
const single = "POST directory/authenticationMethodDevices/hardwareOathDevices";

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), "oathkit-bulk-backoff-"));
});

afterAll(async () => {
  await Promise.all(running.map((e) => e.stop()));
  await rm(certDir, { recursive: true, force: true });
});

function tokens(count: number): Token[] {
  return Array.from({ length: count }, (_, i) => ({
    line: i + 2,
    upn: null,
    serialNumber: `B${randomBytes(4).toString("hex")}`,
    seed: new Seed(randomBytes(20)),
    timeIntervalInSeconds: 30,
    hashFunction: "hmacsha1",
    manufacturer: "Token2",
    model: "C202",
    displayName: null,
    cells: [],
  }));
}

/** An inventory import of `count` tokens in one chunk; returns what the emulator and the sleep saw. */
async function importInventory(options: EmulatorOptions, count: number) {
  const emulator = await startEmulator({ usersFile: sampleUsersFile, certDir, ...options });
  running.push(emulator);
  trustEmulatorCa(emulator.caPem);
  const directory = appDirectory(emulator, { sleep: async () => {} });
  const dir = await mkdtemp(join(certDir, "run-"));
  const sleeps: number[] = [];
  let clock = Date.now();
  const events: ProvisionEvent[] = [];
  const input = tokens(count);
  const summary = await runProvision(
    {
      file: join(dir, "tokens.csv"),
      inputSha256: randomBytes(32).toString("hex"),
      layout: { format: "csv", header: ["serialNumber", "secretKey"], delimiter: "," },
      tokens: input,
      rejectedRows: [],
      rows: count,
      notes: [],
    },
    {
      command: "import",
      mode: "inventory",
      concurrency: 1,
      chunkSize: 50,
      maxSkewMs: 30_000,
      useServerTime: false,
      dryRun: false,
      resumable: true,
      confirm: () => Promise.resolve(true),
      audit: {
        oathkitVersion: "test",
        commandLine: "oathkit import tokens.csv",
        tenantId: emulator.tenantId,
        graphHost: new URL(emulator.url).host,
        signedInAs: null,
        input: join(dir, "tokens.csv"),
        inputSha256: null,
        journal: join(dir, "journal"),
        startedAt: new Date().toISOString(),
        notes: [],
      },
    },
    {
      journal: join(dir, "journal"),
      report: join(dir, "report.csv"),
      replaceReport: false,
      failures: join(dir, "failures.csv"),
    },
    {
      directory,
      // Simulated time: a sleep moves the clock on at once. The write pacer's own waits (a few
      // milliseconds per token at its starting rate) are left out of the backoffs counted.
      now: () => clock,
      sleep: (ms) => {
        clock += ms;
        if (ms >= 500) sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 1, // the top of every full-jitter range: the backoff's bound itself
      emit: (event) => events.push(event),
      signal: new AbortController().signal,
    },
  );
  const requests = emulator.state().counters.requests;
  return { summary, sleeps, events, bulks: requests[bulk] ?? 0, singles: requests[single] ?? 0 };
}

/** full jitter at random = 1: min(15 s, 500 ms · 2^n) for rounds 1…4 (the 5th gives up). */
const backoff = [1_000, 2_000, 4_000, 8_000];

describe("bulk create under 5xx", () => {
  it("per-item 503s: 5 bulk rounds with backoff between them, then one POST per token", async () => {
    const run = await importInventory({ bulkItemStatus: 503 }, 3);
    expect(run.bulks).toBe(5);
    expect(run.sleeps).toEqual(backoff);
    expect(run.singles).toBe(3);
    expect(run.summary.counts).toMatchObject({ created: 3, failed: 0 });
  });

  it("a whole-request 503 every time: the same bound for the chunk, then for each single POST", async () => {
    const run = await importInventory({ faultRate: 1, faultKinds: ["503"] }, 2);
    expect(run.bulks).toBe(5);
    expect(run.singles).toBe(2 * 5);
    // The chunk's rounds, then each token's own bounded retries.
    expect(run.sleeps).toEqual([...backoff, ...backoff, ...backoff]);
    expect(run.summary.counts).toMatchObject({ created: 0, failed: 2 });
    const failed = run.events.filter((e) => e.type === "token-failed");
    expect(failed.map((e) => (e.type === "token-failed" ? e.code : ""))).toEqual([
      "gave-up",
      "gave-up",
    ]);
  });
});
