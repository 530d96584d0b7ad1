import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, startTenant, tenantArgs } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/*
A tenant id or domain the sign-in service does not know (Entra: AADSTS90002; MSAL reports it as
endpoints_resolution_error) is named as that — with where the value came from — not as a sign-in
service that "answered, but sign-in failed".
*/
describe("an unknown tenant", () => {
  it("is named with where it came from: --tenant, AZURE_TENANT_ID, or a profile", async () => {
    const dir = tempDir();
    const emulator = await startTenant(dir, []);
    const { args, env } = tenantArgs(emulator);
    const unknown = "11111111-1111-4111-8111-111111111111";
    const flagged = args.map((a) => (a === emulator.tenantId ? unknown : a));
    const byFlag = await runCli(["list", ...flagged], { cwd: dir, env });
    expect(byFlag.code).toBe(2);
    expect(byFlag.stderr).toContain(`The tenant ${unknown} (from --tenant) was not found`);
    expect(byFlag.stderr).toMatch(/^Check the tenant id .* in --tenant/mu);
    expect(byFlag.stderr).not.toContain("endpoints_resolution_error");
    // login and whoami sign in on their own path: the same sentence.
    const whoami = await runCli(["whoami", ...flagged], { cwd: dir, env });
    expect(whoami.stderr).toContain(`The tenant ${unknown} (from --tenant) was not found`);

    const withoutFlag = args.filter((a, i) => a !== "--tenant" && args[i - 1] !== "--tenant");
    const byEnv = await runCli(["list", ...withoutFlag], {
      cwd: dir,
      env: { ...env, AZURE_TENANT_ID: "nosuch.onmicrosoft.com" },
    });
    expect(byEnv.code).toBe(2);
    expect(byEnv.stderr).toContain(
      "The tenant nosuch.onmicrosoft.com (from AZURE_TENANT_ID) was not found",
    );

    // HOME is the folder: a profile that names a tenant the sign-in service does not know.
    mkdirSync(join(dir, ".config/oathkit"), { recursive: true });
    const profile = { tenant: "gone.onmicrosoft.com", graphUrl: emulator.url };
    writeFileSync(
      join(dir, ".config/oathkit/profiles.json"),
      JSON.stringify({ profiles: { old: { ...profile, authorityHost: emulator.url } } }),
      { mode: 0o600 },
    );
    const byProfile = await runCli(["list", "--profile", "old", ...withoutFlag.slice(4)], {
      cwd: dir,
      env,
    });
    expect(byProfile.stderr).toContain(
      "The tenant gone.onmicrosoft.com (from the profile old) was not found",
    );
  });
});
