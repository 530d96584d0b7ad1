import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/index.js";
import { createOathDirectory, resolveConnection } from "../../src/graph/index.js";
import { roleIds } from "../../src/graph/token-grants.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { startTestEmulator, testUsers } from "../helpers/emulator.js";

/* What the sign-in grants, read by the adapter from the token and Graph (issue #11 item 3). */

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function granted(options: EmulatorOptions, auth: "device-code" | "client-secret") {
  emulator = await startTestEmulator({ autoApprove: true, ...options });
  const env = { AZURE_CLIENT_SECRET: emulator.clientSecret };
  const connection = resolveConnection(
    {
      tenant: emulator.tenantId,
      clientId: emulator.clientId,
      auth,
      graphUrl: emulator.url,
      authorityHost: emulator.url,
    },
    env,
  );
  const directory = createOathDirectory(connection, {
    scrubber: new Scrubber(),
    env,
    now: Date.now,
    onDeviceCodePrompt: () => undefined,
  });
  return directory.grantedAccess();
}

describe("grantedAccess", () => {
  it("an app: the roles claim, no directory roles", async () => {
    expect(await granted({ appRoles: ["Policy.Read.All"] }, "client-secret")).toEqual({
      kind: "app",
      permissions: ["Policy.Read.All"],
    });
  });

  it("a person: scp and their roles (wids, and Graph's list where it names them)", async () => {
    const access = await granted(
      { consentedScopes: ["User.Read.All", "RoleManagement.Read.Directory"] },
      "device-code",
    );
    expect(access).toMatchObject({ kind: "delegated" });
    // Asked for with the command's scopes: those of them that were consented.
    expect(access?.permissions).toEqual(expect.arrayContaining(["User.Read.All"]));
    expect(access?.kind === "delegated" && [...(access.roleTemplateIds ?? [])].sort()).toEqual(
      [roleIds.authenticationPolicyAdministrator, roleIds.authenticationAdministrator].sort(),
    );
  });

  it("a person whose roles Graph hides (no RoleManagement.Read.Directory): wids still count", async () => {
    const access = await granted(
      { consentedScopes: ["User.Read.All"], signInAs: testUsers.reader.userPrincipalName },
      "device-code",
    );
    expect(access).toMatchObject({ kind: "delegated", roleTemplateIds: [roleIds.globalReader] });
  });
});
