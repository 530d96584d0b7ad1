// The standalone executable's main script (CommonJS, as Node 24's single executable applications
// require). It makes the embedded package files loadable as modules — `createRequire(...)(
// "../../package.json")` in dist/ reads the embedded package.json — then imports the bundled
// application, an ES module kept as an asset and served under `<exe>/oathkit.mjs`, which runs
// oathkit for this process (its top-level await stays inside that module).
import { registerHooks } from "node:module";
import { getAsset } from "node:sea";
import { appAsset, embeddedFile, moduleUrl } from "./package-root.ts";

const appUrl = moduleUrl(appAsset);

function urlOf(specifier: string, parentURL: string | undefined): string | undefined {
  if (specifier === appUrl) return appUrl;
  if (parentURL === undefined || !/^\.{1,2}\//u.test(specifier)) return undefined;
  const url = new URL(specifier, parentURL);
  return url.protocol === "file:" && embeddedFile(url) !== undefined ? url.href : undefined;
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    const url = urlOf(specifier, context.parentURL);
    if (url === undefined) return nextResolve(specifier, context);
    return { url, format: url.endsWith(".json") ? "json" : "module", shortCircuit: true };
  },
  load(url, context, nextLoad) {
    if (url === appUrl)
      return { format: "module", source: getAsset(appAsset, "utf8"), shortCircuit: true };
    const embedded = url.startsWith("file:") ? embeddedFile(new URL(url)) : undefined;
    if (embedded === undefined) return nextLoad(url, context);
    return { format: "json", source: embedded.toString("utf8"), shortCircuit: true };
  },
});

import(appUrl).catch((error: unknown) => {
  process.stderr.write(
    `oathkit could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 70;
});
