import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { resolveConnection } from "../../src/graph/index.js";
import {
  chosenProfile,
  profilesFile,
  readProfiles,
  saveProfile,
  withProfile,
} from "../../src/cli/profiles.js";
import { cacheFolder, configFolder } from "../../src/cli/user-folders.js";
import { runCli } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

describe("profiles", () => {
  it("live in the user's config folder; the token cache in the cache folder", () => {
    expect(configFolder({ HOME: "/h" }, "linux")).toBe("/h/.config/oathkit");
    expect(configFolder({ HOME: "/h", XDG_CONFIG_HOME: "/x" }, "linux")).toBe("/x/oathkit");
    expect(configFolder({ HOME: "/h" }, "darwin")).toBe("/h/Library/Application Support/oathkit");
    expect(configFolder({ APPDATA: "C:\\Users\\a\\AppData\\Roaming" }, "win32")).toMatch(
      /Roaming.oathkit$/u,
    );
    expect(cacheFolder({ HOME: "/h" }, "linux")).toBe("/h/.cache/oathkit");
    expect(cacheFolder({ HOME: "/h", XDG_CACHE_HOME: "/c" }, "linux")).toBe("/c/oathkit");
  });

  it("are saved with mode 0600 and read back; a flag wins over the profile, the profile over the environment", async () => {
    const env = { HOME: tempDir() };
    const path = await saveProfile(env, "contoso", {
      tenant: "contoso.onmicrosoft.com",
      auth: "browser",
      graphUrl: "https://127.0.0.1:9443",
      authorityHost: "https://127.0.0.1:9443",
    });
    expect(path).toBe(profilesFile(env));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const profile = (await readProfiles(env))["contoso"] ?? {};
    const settings = withProfile({ auth: "device-code", purpose: "read" }, profile);
    const c = resolveConnection(settings, { AZURE_TENANT_ID: "env-tenant" });
    expect([c.tenantId, c.auth, c.graphUrl]).toEqual([
      "contoso.onmicrosoft.com",
      "device-code",
      "https://127.0.0.1:9443",
    ]);
    await saveProfile(env, "fabrikam", { tenant: "fabrikam.com" });
    expect(Object.keys(await readProfiles(env))).toEqual(["contoso", "fabrikam"]);
  });

  it("refuse a field they do not know, such as a secret, naming the file", async () => {
    const env = { HOME: tempDir() };
    mkdirSync(configFolder(env), { recursive: true });
    writeFileSync(
      profilesFile(env),
      JSON.stringify({ profiles: { x: { tenant: "t", clientSecret: "do-not-keep-me" } } }),
    );
    const error = await readProfiles(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(profilesFile(env));
    expect((error as UsageError).message).not.toContain("do-not-keep-me");
    expect((error as UsageError).hint).toMatch(/never a secret/u);
  });

  it("are chosen by --profile, else OATHKIT_PROFILE; a bad name is refused", () => {
    expect(chosenProfile("a", { OATHKIT_PROFILE: "b" })).toBe("a");
    expect(chosenProfile(undefined, { OATHKIT_PROFILE: "b" })).toBe("b");
    expect(chosenProfile(undefined, {})).toBeUndefined();
    expect(() => chosenProfile("../x", {})).toThrow(UsageError);
  });

  it("a command naming a profile that does not exist stops before signing in (exit 2)", async () => {
    const home = tempDir();
    const result = await runCli(["list", "--profile", "nowhere"], { cwd: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("There is no profile nowhere");
    const none = await runCli(["profiles"], { cwd: home });
    expect(none.stdout).toContain("No profiles in");
    expect(() => readFileSync(join(home, ".config/oathkit/profiles.json"))).toThrow();
  });
});
