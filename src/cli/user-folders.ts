import { join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

const given = (env: Env, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
};

function home(env: Env): string {
  const dir = given(env, "HOME") ?? given(env, "USERPROFILE");
  if (dir === undefined) throw new Error("neither HOME nor USERPROFILE is set");
  return dir;
}

/**
The user's oathkit configuration folder (profiles, never a secret): %APPDATA%\oathkit on Windows,
else $XDG_CONFIG_HOME/oathkit or ~/.config/oathkit (macOS too: a command-line tool's dotfolder).
*/
export function configFolder(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (platform === "win32") return join(given(env, "APPDATA") ?? home(env), "oathkit");
  return join(given(env, "XDG_CONFIG_HOME") ?? join(home(env), ".config"), "oathkit");
}

/**
Where a person's sign-in is cached (the account and, without the OS store, the tokens):
%LOCALAPPDATA%\oathkit on Windows, else $XDG_CACHE_HOME/oathkit or ~/.cache/oathkit. A cache:
deleting it only means signing in again.
*/
export function cacheFolder(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (platform === "win32") return join(given(env, "LOCALAPPDATA") ?? home(env), "oathkit");
  return join(given(env, "XDG_CACHE_HOME") ?? join(home(env), ".cache"), "oathkit");
}
