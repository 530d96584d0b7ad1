import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/index.js";
import { publicClientId, postForm } from "../helpers/delegated.js";
import {
  findSecrets,
  makeTokens,
  runChild,
  runCli,
  secretsOf,
  writeSeedCsv,
} from "../helpers/e2e.js";
import { startTestEmulator, testUsers } from "../helpers/emulator.js";
import { fakeBrowserEnv } from "../helpers/fake-browser.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
A person signs in as the human path does (issue #11 items 6–8, 12): the real DeviceCodeCredential
against the emulator, with no app registration — Microsoft Graph PowerShell's public client —
asking for exactly the command's permissions, cached per profile for the next process.
*/
async function emulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const emu = await startTestEmulator(options);
  onTestFinished(() => emu.stop());
  return emu;
}

const where = (emu: RunningEmulator) => [
  "--graph-url",
  emu.url,
  "--authority-host",
  emu.url,
  "--tenant",
  emu.tenantId,
];

/** MSAL's cache files under the cache folder: every access token's scopes and every secret. */
function cached(home: string): { scopes: string[][]; secrets: string[]; files: string[] } {
  const dir = join(home, ".cache", "oathkit");
  const files = readdirSync(dir).map((f) => join(dir, f));
  const scopes: string[][] = [];
  const secrets: string[] = [];
  for (const file of files.filter((f) => f.includes(".tokens."))) {
    const cache = JSON.parse(readFileSync(file, "utf8")) as Record<
      string,
      Record<string, { secret: string; target?: string }>
    >;
    for (const kind of ["AccessToken", "RefreshToken", "IdToken"]) {
      for (const entry of Object.values(cache[kind] ?? {})) {
        secrets.push(entry.secret);
        if (kind === "AccessToken") scopes.push((entry.target ?? "").split(" ").sort());
      }
    }
  }
  return { scopes, secrets, files };
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe("signing in without an app registration", () => {
  it("list --json --auth device-code with no client id: one JSON document on stdout, the prompt on stderr, read scopes only", async () => {
    const emu = await emulator({ autoApprove: true });
    const home = tempDir();
    const result = await runCli(["list", "--json", "--auth", "device-code", ...where(emu)], {
      cwd: home,
    });
    expect(result.stderr).toContain(`${emu.url}/devicelogin`);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ tokens: [], totals: {} });
    expect(result.stdout).not.toContain("devicelogin");
    expect(emu.state().counters.signIns).toMatchObject({ device_code: 1 });
    const { scopes, files } = cached(home);
    // list reads the inventory and the holders: nothing that writes was asked for.
    const graph = "https://graph.microsoft.com";
    expect(scopes[0]).toEqual(
      [`${graph}/Policy.Read.All`, `${graph}/User.Read.All`, "openid", "profile"].sort(),
    );
    for (const file of files) expect(mode(file)).toBe(0o600);
    const account = JSON.parse(
      readFileSync(join(home, ".cache/oathkit/default.account.json"), "utf8"),
    ) as {
      clientId: string;
    };
    expect(account.clientId).toBe(publicClientId);
  });

  it("list --json --auth browser with no client id: the real loopback redirect, one JSON document", async () => {
    const emu = await emulator({ autoApprove: true });
    const home = tempDir();
    const browser = Object.fromEntries(
      Object.entries(fakeBrowserEnv(emu.caFile)).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    const result = await runChild(["list", "--json", "--auth", "browser", ...where(emu)], {
      cwd: home,
      env: browser,
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ tokens: [] });
    expect(emu.state().counters.signIns).toMatchObject({ authorization_code: 1 });
    const account = readFileSync(join(home, ".cache/oathkit/default.account.json"), "utf8");
    expect(account).toContain(publicClientId);
  });

  it("an app's login: its application permissions, nothing cached", async () => {
    const emu = await emulator({});
    const home = tempDir();
    const args = [...where(emu), "--client-id", emu.clientId, "--auth", "client-secret"];
    const env = { AZURE_CLIENT_SECRET: emu.clientSecret };
    const login = await runCli(["login", "--json", ...args], { cwd: home, env });
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({
      signedInAs: { kind: "app", id: emu.clientId },
      permissions: expect.arrayContaining(["UserAuthenticationMethod.ReadWrite.All"]) as unknown,
      tokenStore: null,
    });
    expect(login.stdout).not.toContain(emu.clientSecret);
    expect(() => readdirSync(join(home, ".cache"))).toThrow();
  });

  it("a profile saves the tenant and sign-in host the login reached, also when they came from AZURE_*", async () => {
    const emu = await emulator({ autoApprove: true });
    const home = tempDir();
    const env = { AZURE_TENANT_ID: emu.tenantId, AZURE_AUTHORITY_HOST: emu.url };
    const login = await runCli(["login", "--profile", "msp", "--graph-url", emu.url], {
      cwd: home,
      env,
    });
    expect(login.code).toBe(0);
    const saved = JSON.parse(readFileSync(join(home, ".config/oathkit/profiles.json"), "utf8"));
    expect(saved).toEqual({
      profiles: {
        msp: {
          tenant: emu.tenantId,
          clientId: publicClientId,
          auth: "device-code",
          graphUrl: emu.url,
          authorityHost: emu.url,
        },
      },
    });
    // Another shell, without those variables: the profile alone reaches the same tenant.
    const listed = await runCli(["list", "--json", "--profile", "msp"], { cwd: home, env: {} });
    expect(listed.code).toBe(0);
  });

  it("login says which asked-for permissions were not granted", async () => {
    const emu = await emulator({ autoApprove: true, consentedScopes: ["User.Read.All"] });
    const login = await runCli(["login", ...where(emu)], { cwd: tempDir() });
    expect(login.code).toBe(0);
    expect(login.stdout).toContain("Permissions granted: User.Read.All");
    expect(login.stdout).toMatch(
      /Warning: not granted Policy\.Read\.All, Policy\.ReadWrite\.AuthenticationMethod, .*GroupMember\.Read\.All; commands that need them stop before writing/u,
    );
  });

  it("--client-id overrides the public client", async () => {
    const emu = await emulator({ autoApprove: true });
    const home = tempDir();
    const own = "5a0b3c2d-1111-4222-8333-944455556666";
    const login = await runCli(["login", "--json", "--client-id", own, ...where(emu)], {
      cwd: home,
    });
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({ clientId: own });
  });

  it("a sign-in refused for the public client says so and points to --client-id and the README recipe", async () => {
    const url: { emu?: RunningEmulator } = {};
    const emu = await emulator({
      deviceCodeIntervalSec: 1,
      onSignInWaiting: (prompt) => {
        if (prompt.kind !== "device-code" || url.emu === undefined) return;
        void postForm(`${url.emu.url}/devicelogin`, {
          user_code: prompt.userCode,
          decision: "decline",
        });
      },
    });
    url.emu = emu;
    const result = await runCli(["list", "--auth", "device-code", ...where(emu)], {
      cwd: tempDir(),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`public client (${publicClientId}, authorization_declined)`);
    expect(result.stderr).toContain("--client-id");
    expect(result.stderr).toContain('README "Registering an app for oathkit"');
    // One sign-in, not retried as if the network had failed.
    expect(result.stderr.match(/devicelogin/gu)).toHaveLength(1);
  });
});

describe("profiles and the token cache across processes", () => {
  it("login --profile in one process; list --profile in another reuses the sign-in; whoami, profiles, logout", async () => {
    const emu = await emulator({ autoApprove: true });
    const home = tempDir();
    const env = { NODE_EXTRA_CA_CERTS: emu.caFile };
    const login = await runChild(["login", "--profile", "contoso", ...where(emu)], {
      cwd: home,
      env,
    });
    expect(login.code).toBe(0);
    expect(login.stderr).toContain("devicelogin");
    expect(login.stdout).not.toContain("devicelogin");
    expect(login.stdout).toContain(
      `as user ${testUsers.admin.userPrincipalName} (profile contoso)`,
    );
    expect(login.stdout).toContain("Authentication Administrator");

    // The second process has only the profile's name: no tenant options, no new sign-in.
    const list = await runChild(["list", "--json"], {
      cwd: home,
      env: { ...env, OATHKIT_PROFILE: "contoso" },
    });
    expect(list.code).toBe(0);
    expect(list.stderr).not.toContain("devicelogin");
    expect(JSON.parse(list.stdout)).toMatchObject({ tokens: [] });
    expect(emu.state().counters.signIns["device_code"]).toBe(1);

    // A command that writes reuses it too: the login asked for every command's permissions.
    const tokens = makeTokens([testUsers.ben.userPrincipalName], "SIGNIN");
    writeSeedCsv(join(home, "tokens.csv"), tokens, "base32");
    const imported = await runCli(["import", "tokens.csv", "--yes", "--profile", "contoso"], {
      cwd: home,
    });
    expect(imported.code).toBe(0);
    expect(imported.stderr).not.toContain("devicelogin");
    expect(imported.stdout).toContain(
      `Writing to tenant ${emu.tenantId} at ${new URL(emu.url).host}, signed in as ${testUsers.admin.userPrincipalName}.`,
    );
    expect(emu.state().counters.signIns["device_code"]).toBe(1);
    expect(
      findSecrets({ stdout: imported.stdout, stderr: imported.stderr }, secretsOf(tokens)),
    ).toEqual([]);

    const whoami = await runCli(["whoami", "--json", "--profile", "contoso"], { cwd: home });
    expect(whoami.code).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      profile: "contoso",
      tenantId: emu.tenantId,
      signedInAs: { kind: "user", id: testUsers.admin.userPrincipalName },
      clientId: publicClientId,
      permissions: expect.arrayContaining([
        "UserAuthenticationMethod.ReadWrite.All",
        "Policy.ReadWrite.AuthenticationMethod",
      ]) as unknown,
      directoryRoles: ["Authentication Administrator", "Authentication Policy Administrator"],
      tokenStore: { kind: "file" },
    });
    // It names only the token files there are (MSAL writes the CAE one; the other may never be).
    const { files } = (JSON.parse(whoami.stdout) as { tokenStore: { files: string[] } }).tokenStore;
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(existsSync(file), file).toBe(true);

    // A shell holding an app's secret (the emulator's env lines): the profile a person's login
    // made still signs in as that person, from the cache, not as the app.
    const appEnv = { AZURE_CLIENT_ID: emu.clientId, AZURE_CLIENT_SECRET: emu.clientSecret };
    const asApp = emu.state().counters.signIns["client_credentials"] ?? 0;
    const inAppShell = await runCli(["whoami", "--json", "--profile", "contoso"], {
      cwd: home,
      env: appEnv,
    });
    expect(inAppShell.code).toBe(0);
    expect(JSON.parse(inAppShell.stdout)).toMatchObject({
      signedInAs: { kind: "user", id: testUsers.admin.userPrincipalName },
    });
    const listedInAppShell = await runCli(["list", "--json", "--profile", "contoso"], {
      cwd: home,
      env: appEnv,
    });
    expect(listedInAppShell.code).toBe(0);
    expect(emu.state().counters.signIns["client_credentials"] ?? 0).toBe(asApp);
    expect(emu.state().counters.signIns["device_code"]).toBe(1);

    const profilesFile = join(home, ".config/oathkit/profiles.json");
    expect(mode(profilesFile)).toBe(0o600);
    expect(JSON.parse(readFileSync(profilesFile, "utf8"))).toEqual({
      profiles: {
        contoso: {
          tenant: emu.tenantId,
          clientId: publicClientId,
          auth: "device-code",
          graphUrl: emu.url,
          authorityHost: emu.url,
        },
      },
    });
    const profiles = await runCli(["profiles"], { cwd: home });
    expect(profiles.stdout).toMatch(/contoso .*auth device-code.*signed in/u);

    // No token reaches any output, nor the profile file.
    const { secrets } = cached(home);
    expect(secrets.length).toBeGreaterThan(0);
    const outputs = [login, list, whoami, profiles].flatMap((r) => [r.stdout, r.stderr]);
    for (const secret of secrets) {
      for (const text of [...outputs, readFileSync(profilesFile, "utf8")])
        expect(text.includes(secret)).toBe(false);
    }

    const logout = await runCli(["logout", "--profile", "contoso"], { cwd: home });
    expect(logout.stdout).toContain("Signed out of profile contoso");
    const after = await runCli(["whoami", "--profile", "contoso"], { cwd: home });
    expect(after.code).toBe(2);
    expect(after.stderr).toContain("Not signed in for profile contoso");
    expect(emu.state().counters.signIns["device_code"]).toBe(1);
  });
});
