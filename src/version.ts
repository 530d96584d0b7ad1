import { createRequire } from "node:module";

/** oathkit's version, from package.json (the same relative place from src/ and dist/). */
export const oathkitVersion = (
  createRequire(import.meta.url)("../package.json") as { version: string }
).version;
