// Inside the standalone executable, oathkit's package folder is the executable itself, read as a
// folder: the module built from dist/cli/main.js is `<exe>/dist/cli/main.js`, the sample users are
// `<exe>/samples/users.json`. Nothing can exist on disk below a file, so these paths never shadow a
// real file; the few files the code reads from its package are embedded (embeddedFiles) and served
// from the executable's assets. docs/install.md § Standalone executables.
import { getAsset } from "node:sea";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The package files embedded as assets (asset key = path in the package). */
export const embeddedFiles = ["package.json", "samples/users.json"] as const;
/** The asset holding the bundled application (an ES module). */
export const appAsset = "oathkit.mjs";

/** A path in the package, as the executable presents it. */
export function packagePath(relative: string): string {
  return join(process.execPath, relative);
}

/** The `import.meta.url` the module built from `relative` (like "dist/cli/main.js") sees. */
export function moduleUrl(relative: string): string {
  return pathToFileURL(packagePath(relative)).href;
}

const sameCase = (path: string) => (process.platform === "win32" ? path.toLowerCase() : path);

/** Which embedded file a path or file URL names, if any (how node:fs would read that argument). */
export function embeddedKey(path: string | URL): string | undefined {
  // A string is a path, whatever it looks like; a URL counts only as file:.
  if (typeof path !== "string" && !(path instanceof URL && path.protocol === "file:"))
    return undefined;
  const wanted = sameCase(resolve(typeof path === "string" ? path : fileURLToPath(path)));
  return embeddedFiles.find((file) => sameCase(packagePath(file)) === wanted);
}

/** The embedded file a path or file URL names, or undefined when it names none. */
export function embeddedFile(path: string | URL): Buffer | undefined {
  const key = embeddedKey(path);
  return key === undefined ? undefined : Buffer.from(getAsset(key));
}
