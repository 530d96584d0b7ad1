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

/** The embedded file at a path or file URL, or undefined when that is not one of them. */
export function embeddedFile(path: string | URL): Buffer | undefined {
  if (typeof path !== "string" && !(path instanceof URL)) return undefined;
  const asPath = typeof path === "string" && !path.startsWith("file:") ? path : fileURLToPath(path);
  const wanted = sameCase(resolve(asPath));
  const key = embeddedFiles.find((file) => sameCase(packagePath(file)) === wanted);
  return key === undefined ? undefined : Buffer.from(getAsset(key));
}
