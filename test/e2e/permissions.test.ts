import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/index.js";
import { Seed } from "../../src/secrets/seed.js";
import { startTestEmulator, testUsers } from "../helpers/emulator.js";
import { runCli } from "../helpers/e2e.js";
import { tempDir } from "../helpers/files.js";

/*
Permissions and roles before any write (issue #11 items 3 and 12): `oathkit import --yes` signed
in as a person (device code, the emulator approving at once) stops with exit 2 before writing
anything and names what the sign-in lacks — a permission not consented, a role not held.
*/

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function importAsPerson(
  options: EmulatorOptions,
  extra: string[] = [],
  command: "import" | "activate" = "import",
) {
  emulator = await startTestEmulator({ autoApprove: true, ...options });
  const dir = tempDir();
  const seed = new Seed(randomBytes(20));
  writeFileSync(
    join(dir, "tokens.csv"),
    "upn,serial number,secret key,time interval,manufacturer,model\n" +
      `${testUsers.ana.userPrincipalName},PERM-1,${seed.toBase32()},30,Token2,C202\n`,
    { mode: 0o600 },
  );
  const result = await runCli(
    [
      command,
      "tokens.csv",
      "--yes",
      ...extra,
      "--auth",
      "device-code",
      // The sign-in without a client id is #11 item 6 (another branch): the emulator's is given.
      "--client-id",
      emulator.clientId,
      "--tenant",
      emulator.tenantId,
      "--graph-url",
      emulator.url,
      "--authority-host",
      emulator.url,
    ],
    { cwd: dir },
  );
  const state = emulator.state();
  return { ...result, state, dir, seeds: seed.textForms() };
}

describe("import signed in as a person: permissions and roles before any write", () => {
  it("with only User.Read.All and Policy.Read.AuthenticationMethod consented: exit 2, nothing written, UserAuthenticationMethod.ReadWrite.All named", async () => {
    const run = await importAsPerson({
      consentedScopes: ["User.Read.All", "Policy.Read.AuthenticationMethod"],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "oathkit import needs Policy.ReadWrite.AuthenticationMethod and UserAuthenticationMethod.ReadWrite.All.",
    );
    // The token carries every consented permission, as Entra's does (docs/emulator.md, E-scopes).
    expect(run.stderr).toContain(
      "This sign-in has User.Read.All, Policy.Read.AuthenticationMethod. Nothing was written.",
    );
    expect(run.stdout).not.toContain("Plan");
    expect(run.state.devices).toEqual([]);
    expect(run.state.counters.forbidden).toBe(0); // stopped before Graph refused anything
    expect(existsSync(join(run.dir, "oathkit-runs"))).toBe(false); // no journal, no report
    for (const form of run.seeds) expect(run.stderr).not.toContain(form);
  });

  it("names the one permission the sign-in asks for that covers both Policy.Read… needs", async () => {
    // A person's sign-in asks for Policy.ReadWrite.AuthenticationMethod: consenting to it is what
    // helps; Policy.Read.All and Policy.Read.AuthenticationMethod would never reach the token.
    const consentedScopes = ["User.Read.All", "UserAuthenticationMethod.ReadWrite.All"];
    for (const [command, extra] of [
      ["activate", []],
      ["import", ["--dry-run"]],
    ] as const) {
      const run = await importAsPerson({ consentedScopes }, [...extra], command);
      expect([run.code, run.stderr]).toEqual([
        2,
        expect.stringContaining(
          `oathkit ${command} needs Policy.ReadWrite.AuthenticationMethod.`,
        ) as unknown,
      ]);
      expect(run.stderr).not.toContain("Policy.Read.All");
      await emulator?.stop();
      emulator = undefined;
    }
  });

  it("signed in as a Global Reader with every permission consented: the missing roles are named", async () => {
    const run = await importAsPerson({ signInAs: testUsers.reader.userPrincipalName });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "oathkit import needs the Authentication Policy Administrator and Authentication Administrator roles.",
    );
    expect(run.state.devices).toEqual([]);
  });

  it("signed in as an admin with both roles and the permissions: the import goes through", async () => {
    const run = await importAsPerson({});
    expect(run.stderr).not.toContain("needs");
    expect(run.code).toBe(0);
    expect(run.state.devices).toMatchObject([{ serialNumber: "PERM-1", status: "activated" }]);
  });
});

describe("list and remove check the app's permissions before reading or writing", () => {
  async function asApp(appRoles: string[], args: string[]) {
    emulator = await startTestEmulator({ appRoles });
    const dir = tempDir();
    const run = await runCli(
      [
        ...args,
        "--auth",
        "client-secret",
        "--client-id",
        emulator.clientId,
        "--tenant",
        emulator.tenantId,
        "--graph-url",
        emulator.url,
        "--authority-host",
        emulator.url,
      ],
      { cwd: dir, env: { AZURE_CLIENT_SECRET: emulator.clientSecret } },
    );
    return { ...run, state: emulator.state() };
  }

  it("list without User.Read.All: exit 2, naming it (holders are named by UPN)", async () => {
    const run = await asApp(["Policy.Read.All"], ["list", "--json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "oathkit list needs User.Read.All. This app's token has Policy.Read.All.\n",
    );
    // With --json, scripts read the refusal as one JSON document.
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: "auth", message: expect.stringContaining("User.Read.All") as unknown },
    });
    expect(run.state.counters.forbidden).toBe(0);
  });

  it("remove with read-only inventory access: exit 2 naming Policy.ReadWrite.AuthenticationMethod; nothing deleted", async () => {
    const run = await asApp(["Policy.Read.All", "User.Read.All"], ["remove", "R-1", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("oathkit remove needs Policy.ReadWrite.AuthenticationMethod.");
    expect(run.stderr).toContain("Grant the app these application permissions with admin consent");
    expect(run.state.counters.forbidden).toBe(0);
  });
});
