import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/index.js";
import type { ProvisionEvent } from "../../src/events/provision-events.js";
import type { ImportMode } from "../../src/events/run-summary.js";
import { runImportJob } from "../../src/import/import-job.js";
import { prepareInput } from "../../src/import/prepare-input.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { Seed } from "../../src/secrets/seed.js";
import { appDirectory, startTestEmulator, testGroups, testUsers } from "../helpers/emulator.js";
import { defaults, tempDir } from "../helpers/files.js";

/*
Pre-flight's checks of what Entra checks (issue #11 items 1–3), through the import service in
process against the emulator over HTTPS with the real adapter: the cap counting Authenticator,
the policy's target groups (checkMemberGroups in $batch), and the permissions an app holds.
*/

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

type Row = [upn: string, serial: string];

async function preflight(rows: Row[], options: EmulatorOptions, mode: ImportMode = "activate") {
  emulator = await startTestEmulator(options);
  const dir = tempDir();
  const file = join(dir, "tokens.csv");
  const seeds = rows.map(() => new Seed(randomBytes(20)));
  const lines = rows.map(
    ([upn, serial], i) => `${upn},${serial},${seeds[i]!.toBase32()},30,Token2,C202`,
  );
  writeFileSync(
    file,
    ["upn,serial number,secret key,time interval,manufacturer,model", ...lines].join("\n") + "\n",
    { mode: 0o600 },
  );
  const scrubber = new Scrubber();
  const prepared = await prepareInput(
    file,
    { seedOptions: defaults, mapPath: undefined, cwd: dir, mode },
    scrubber,
  );
  const directory = appDirectory(emulator, { scrubber });
  const events: ProvisionEvent[] = [];
  const emu = emulator;
  const outcome = await runImportJob(
    prepared,
    {
      command: "import",
      mode,
      cwd: dir,
      mapPath: undefined,
      tuning: { concurrency: 1, chunkSize: 50, maxSkewMs: 30_000 },
      dryRun: true,
      useServerTime: false,
      reportPath: undefined,
      statePath: undefined,
      force: false,
      commandLine: "oathkit import tokens.csv --dry-run (test)",
    },
    { confirm: () => Promise.resolve(true) },
    {
      openTenant: () =>
        Promise.resolve({
          directory,
          endpoints: { signIn: emu.url, graph: emu.url },
          close: () => Promise.resolve(),
        }),
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      emit: (event) => events.push(event),
      signal: new AbortController().signal,
    },
  ).then(
    (summary) => ({ summary, error: null }),
    (error: unknown) => ({ summary: null, error: error as Error & { exitCode?: number } }),
  );
  const rejected = events.flatMap((e) =>
    e.type === "row-rejected" ? [[e.serialNumber, e.code, e.message]] : [],
  );
  const warnings = events.flatMap((e) => (e.type === "warning" ? [[e.code, e.message]] : []));
  const plan = events.find((e) => e.type === "plan");
  return { ...outcome, rejected, warnings, plan, emu };
}

const { ana, ben, dan } = testUsers;

describe("pre-flight: the cap of five counts Microsoft Authenticator too", () => {
  it("dan has Authenticator and a software OATH app: three tokens fit, the fourth is rejected", async () => {
    const run = await preflight(
      [1, 2, 3, 4].map((i): Row => [dan.userPrincipalName, `CAP-${i}`]),
      {},
    );
    expect(run.error).toBeNull();
    expect(run.plan).toMatchObject({ counts: { toDo: 3, rejectedByPreflight: 1 } });
    expect(run.rejected).toEqual([
      [
        "CAP-4",
        "user-method-cap",
        `${dan.userPrincipalName} would have more than 5 OATH tokens or authenticator apps (has 2)`,
      ],
    ]);
  });
});

describe("pre-flight: the hardware OATH policy's target groups", () => {
  it("includes one group: members (also through a nested group) pass, others are rejected with their own code", async () => {
    const run = await preflight(
      [
        [ana.userPrincipalName, "TG-1"],
        [ben.userPrincipalName, "TG-2"],
        [dan.userPrincipalName, "TG-3"],
      ],
      { policy: { includeTargets: [{ id: testGroups.pilot }] } },
    );
    expect(run.error).toBeNull();
    expect(run.rejected).toEqual([
      [
        "TG-2",
        "user-not-in-policy-target",
        `user ${ben.userPrincipalName} is not in the hardware OATH policy's target groups`,
      ],
    ]);
    expect(run.plan).toMatchObject({ counts: { toDo: 2, rejectedByPreflight: 1 } });
    // Membership was read in one $batch of checkMemberGroups, not one request per user; the
    // users, their methods and the serials in one each before it.
    const routes = run.emu.state().counters.requests;
    expect(routes["POST $batch"]).toBe(4);
    expect(routes["POST users/{uid}/checkMemberGroups"]).toBe(3); // the batch's items
  });

  it("excludes a group: its members (transitively) are rejected even though the policy includes all users", async () => {
    const run = await preflight(
      [
        [ana.userPrincipalName, "EX-1"],
        [ben.userPrincipalName, "EX-2"],
      ],
      { policy: { excludeTargets: [{ id: testGroups.nested }] } },
    );
    expect(run.rejected).toEqual([
      [
        "EX-1",
        "user-excluded-by-policy",
        `user ${ana.userPrincipalName} is in a group the hardware OATH policy excludes`,
      ],
    ]);
  });

  it("says a policy changed within the hour, or disabled, may take up to an hour to apply", async () => {
    const changed = new Date(Date.now() - 10 * 60_000).toISOString();
    const recent = await preflight([[ben.userPrincipalName, "PC-1"]], {
      policy: { lastModifiedDateTime: changed },
    });
    expect(recent.warnings).toEqual([
      [
        "policy-changed-recently",
        expect.stringMatching(/changed 10 min ago; Microsoft allows up to an hour/u),
      ],
    ]);
    await emulator?.stop();
    const off = await preflight([[ben.userPrincipalName, "PC-2"]], {
      policy: { state: "disabled" },
    });
    expect(off.warnings).toEqual([
      ["policy-not-enabled", expect.stringMatching(/"disabled".*up to an hour/u)],
    ]);
  });

  it("a targeted policy needs GroupMember.Read.All: without it pre-flight stops and names it", async () => {
    const run = await preflight([[ana.userPrincipalName, "GM-1"]], {
      policy: { includeTargets: [{ id: testGroups.pilot }] },
      appRoles: [
        "Policy.ReadWrite.AuthenticationMethod",
        "UserAuthenticationMethod.ReadWrite.All",
        "User.Read.All",
      ],
    });
    expect(run.error?.exitCode).toBe(2);
    expect(run.error?.message).toContain("needs GroupMember.Read.All");
  });
});

describe("pre-flight: permissions before any write", () => {
  it("an app without UserAuthenticationMethod.ReadWrite.All is stopped, naming it and what it has", async () => {
    const run = await preflight([[ana.userPrincipalName, "PM-1"]], {
      appRoles: ["Policy.ReadWrite.AuthenticationMethod", "User.Read.All", "GroupMember.Read.All"],
    });
    expect(run.error?.exitCode).toBe(2);
    expect(run.error?.message).toBe(
      "oathkit import needs UserAuthenticationMethod.Read.All. This app's token has Policy.ReadWrite.AuthenticationMethod, User.Read.All, GroupMember.Read.All. Nothing was written.",
    );
    // Stopped before the first user or token was read.
    expect(run.emu.state().counters.forbidden).toBe(0);
  });

  it("a dry run needs only read permissions, and warns that a real run would stop", async () => {
    const run = await preflight([[ana.userPrincipalName, "DR-1"]], {
      appRoles: [
        "Policy.Read.All",
        "Policy.Read.AuthenticationMethod",
        "User.Read.All",
        "UserAuthenticationMethod.Read.All",
      ],
    });
    expect(run.error).toBeNull();
    expect(run.warnings).toEqual([
      [
        "missing-write-access",
        "A real run would stop here: oathkit import needs Policy.ReadWrite.AuthenticationMethod and UserAuthenticationMethod.ReadWrite.All to write.",
      ],
    ]);
    expect(run.plan).toMatchObject({ counts: { toDo: 1 } });
  });

  it("inventory mode needs no user permission", async () => {
    const run = await preflight(
      [["", "IN-1"]],
      { appRoles: ["Policy.ReadWrite.AuthenticationMethod"] },
      "inventory",
    );
    expect(run.error).toBeNull();
    expect(run.plan).toMatchObject({ counts: { toDo: 1 } });
  });
});

describe("pre-flight: users, method counts and serials in JSON batches (issue #12)", () => {
  it("250 users, ten of them missing: 26 envelopes instead of 500 requests, the same rejections", async () => {
    const usersFile = join(tempDir(), "users.json");
    const users = Array.from({ length: 240 }, (_, i) => ({
      id: randomUUID(),
      userPrincipalName: `p${i}@contoso.example`,
      displayName: `P ${i}`,
      accountEnabled: true,
      userType: "Member",
      existingMethods: i === 0 ? 5 : 0,
    }));
    writeFileSync(usersFile, JSON.stringify({ users }));
    const rows = Array.from({ length: 250 }, (_, i): Row => [`p${i}@contoso.example`, `PB-${i}`]);
    const run = await preflight(rows, { usersFile });
    expect(run.error).toBeNull();
    expect(run.rejected.map(([serial, code]) => `${serial} ${code}`)).toEqual([
      "PB-0 user-method-cap",
      ...Array.from({ length: 10 }, (_, i) => `PB-${240 + i} user-not-found`),
    ]);
    expect(run.plan).toMatchObject({ counts: { toDo: 239, rejectedByPreflight: 11 } });
    const routes = run.emu.state().counters.requests;
    expect(routes["POST $batch"]).toBe(26); // 13 envelopes of users, 13 of method lists
    expect(routes["GET users/{uid}"]).toBe(250); // their items
    expect(routes["GET users/{uid}/authentication/methods"]).toBe(250);
  });

  it("a method list longer than a page is counted in full: dan's two still count", async () => {
    const run = await preflight(
      [1, 2, 3, 4].map((i): Row => [dan.userPrincipalName, `PG-${i}`]),
      { pageSize: 1 },
    );
    expect(run.rejected).toEqual([["PG-4", "user-method-cap", expect.stringContaining("(has 2)")]]);
    // Users, their methods, and the four serials (up to 80 are looked up, not listed).
    expect(run.emu.state().counters.requests["POST $batch"]).toBe(3);
  });
});
