import { homedir } from "node:os";
import path from "node:path";

/**
Where oathkit keeps a user's files outside any job folder, by the platform's own rules
(docs/install.md § Windows):
- configuration (kept, maybe edited or backed up): `%APPDATA%\oathkit` on Windows (the roaming
  profile), `$XDG_CONFIG_HOME/oathkit` else `~/.config/oathkit` on Linux and other Unixes,
  `~/Library/Application Support/oathkit` on macOS;
- cache (regenerable, machine-local): `%LOCALAPPDATA%\oathkit`, `$XDG_CACHE_HOME/oathkit` else
  `~/.cache/oathkit`, `~/Library/Caches/oathkit`.
A variable that is unset, empty or not an absolute path is ignored (the XDG rule), and the home
folder's default is used. Pure: the platform, environment and home come in, so tests can ask for
Windows' answer anywhere.
*/
export type UserFolderContext = {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
};

/** This process's platform, environment and home folder. */
export const thisUser = (): UserFolderContext => ({
  platform: process.platform,
  env: process.env,
  home: homedir(),
});

export function pathsFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

function fromEnv(context: UserFolderContext, name: string): string | undefined {
  const value = context.env[name];
  return value !== undefined && pathsFor(context.platform).isAbsolute(value) ? value : undefined;
}

/** The folder for oathkit's configuration (profiles and the like). */
export function configDir(context: UserFolderContext = thisUser()): string {
  const paths = pathsFor(context.platform);
  const join = (...parts: string[]) => paths.join(...parts);
  if (context.platform === "win32")
    return join(fromEnv(context, "APPDATA") ?? join(context.home, "AppData", "Roaming"), "oathkit");
  if (context.platform === "darwin")
    return join(context.home, "Library", "Application Support", "oathkit");
  return join(fromEnv(context, "XDG_CONFIG_HOME") ?? join(context.home, ".config"), "oathkit");
}

/** The folder for what oathkit can make again (the emulator's local CA on Windows). */
export function cacheDir(context: UserFolderContext = thisUser()): string {
  const paths = pathsFor(context.platform);
  const join = (...parts: string[]) => paths.join(...parts);
  if (context.platform === "win32")
    return join(
      fromEnv(context, "LOCALAPPDATA") ?? join(context.home, "AppData", "Local"),
      "oathkit",
    );
  if (context.platform === "darwin") return join(context.home, "Library", "Caches", "oathkit");
  return join(fromEnv(context, "XDG_CACHE_HOME") ?? join(context.home, ".cache"), "oathkit");
}
