import { homedir } from "node:os";
import { cacheDir, configDir } from "../files/user-folders.js";

type Env = Readonly<Record<string, string | undefined>>;

const given = (env: Env, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
};

/** The home folder the command's environment names: HOME, else USERPROFILE. */
const homeIn = (env: Env): string | undefined => given(env, "HOME") ?? given(env, "USERPROFILE");

/**
The folders of files/user-folders.ts for a command's own environment (io.env): its HOME (or
USERPROFILE) is the home folder, so a run in a test or a sandbox keeps its profiles and cached
sign-ins where that environment says.
*/
function context(env: Env, platform: NodeJS.Platform) {
  return { platform, env, home: homeIn(env) ?? homedir() };
}

/** The configuration folder (profiles, never a secret): docs/install.md § Windows. */
export function configFolder(env: Env, platform: NodeJS.Platform = process.platform): string {
  return configDir(context(env, platform));
}

/** Where a person's sign-in is cached: deleting it only means signing in again. */
export function cacheFolder(env: Env, platform: NodeJS.Platform = process.platform): string {
  return cacheDir(context(env, platform));
}

/**
The same cache folder, only where the environment names it: a home (HOME or USERPROFILE), or on
Windows LOCALAPPDATA. Null in an environment that names neither (a sandbox, a test): what is kept
there only to save time (the learned write rates) is then not kept at all.
*/
export function namedCacheFolder(
  env: Env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const named =
    homeIn(env) !== undefined || (platform === "win32" && given(env, "LOCALAPPDATA") !== undefined);
  return named ? cacheFolder(env, platform) : null;
}
