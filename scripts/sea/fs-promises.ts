// What oathkit's own modules get for `node:fs/promises` inside the standalone executable: the real
// module, except that readFile serves the embedded package files (package-root.ts). The bundler
// gives this module only to files under dist/, never to dependencies.
import * as fsp from "node:fs/promises";
import { embeddedFile } from "./package-root.ts";

export * from "node:fs/promises";

type Options = Parameters<typeof fsp.readFile>[1];

function readEmbeddedOr(path: Parameters<typeof fsp.readFile>[0], options?: Options) {
  const embedded = typeof path === "string" || path instanceof URL ? embeddedFile(path) : undefined;
  if (embedded === undefined)
    return options === undefined ? fsp.readFile(path) : fsp.readFile(path, options);
  const encoding = typeof options === "string" ? options : options?.encoding;
  return Promise.resolve(
    encoding === undefined || encoding === null ? embedded : embedded.toString(encoding),
  );
}

export const readFile = readEmbeddedOr as typeof fsp.readFile;

export default { ...fsp, readFile };
