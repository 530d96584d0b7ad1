// Where the install checks find npm and the machine's own Node, and the environment of "a user's
// shell" they run commands in (no npm script variables, no node_modules/.bin on PATH).
import { execFileSync } from "node:child_process";
import { accessSync, constants, realpathSync } from "node:fs";
import { delimiter, join } from "node:path";

function pathDirs(): string[] {
  return (process.env["PATH"] ?? "").split(delimiter).filter((dir) => dir !== "");
}

/** The first executable `name` in `dirs` (by default PATH's folders). */
export function onPath(name: string, dirs: readonly string[] = pathDirs()): string | undefined {
  for (const dir of dirs) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** npm's JavaScript entry, to run with the pinned Node (the project's node package has no npm). */
export function npmCli(): string {
  const fromScript = process.env["npm_execpath"];
  if (fromScript !== undefined && fromScript !== "") return fromScript;
  const npm = onPath("npm", pathDirs());
  if (npm === undefined) throw new Error("npm is not on PATH");
  return realpathSync(npm);
}

/** The first `node` on PATH outside any node_modules folder (the machine's own), and its version. */
export function machineNode(): { path: string; version: string } | undefined {
  const path = onPath(
    "node",
    pathDirs().filter((dir) => !dir.includes("node_modules")),
  );
  if (path === undefined) return undefined;
  const version = execFileSync(path, ["--version"], { encoding: "utf8" }).trim().replace(/^v/u, "");
  return { path, version };
}

/** This process's environment as a user's shell would have it, with `first` folders ahead on PATH. */
export function userEnv(first: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^npm_/iu.test(key) || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  const rest = pathDirs().filter((dir) => !dir.includes("node_modules"));
  env["PATH"] = [...first, ...rest].join(delimiter);
  return env;
}
