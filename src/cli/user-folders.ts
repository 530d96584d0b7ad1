import { homedir } from "node:os";
import { cacheDir, configDir } from "../files/user-folders.js";

type Env = Readonly<Record<string, string | undefined>>;

/**
The folders of files/user-folders.ts for a command's own environment (io.env): its HOME (or
USERPROFILE) is the home folder, so a run in a test or a sandbox keeps its profiles and cached
sign-ins where that environment says.
*/
function context(env: Env, platform: NodeJS.Platform) {
  const given = (name: string) => {
    const value = env[name];
    return value === undefined || value.trim() === "" ? undefined : value;
  };
  return { platform, env, home: given("HOME") ?? given("USERPROFILE") ?? homedir() };
}

/** The configuration folder (profiles, never a secret): docs/install.md § Windows. */
export function configFolder(env: Env, platform: NodeJS.Platform = process.platform): string {
  return configDir(context(env, platform));
}

/** Where a person's sign-in is cached: deleting it only means signing in again. */
export function cacheFolder(env: Env, platform: NodeJS.Platform = process.platform): string {
  return cacheDir(context(env, platform));
}
