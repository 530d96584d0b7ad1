import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bundle } from "../../scripts/release/bundle.ts";
import { tempDir } from "../helpers/temp-dir.js";

const root = resolve(import.meta.dirname, "../..");

describe("the executable's bundle (scripts/release/bundle.ts)", () => {
  it("follows the command table's lazy imports: every action is inside, no relative import() left", async () => {
    const { app, inputs } = await bundle(root, tempDir());
    const actions = readdirSync(join(root, "dist/cli/actions"))
      .filter((file) => file.endsWith(".js"))
      .map((file) => `dist/cli/actions/${file}`);
    expect(actions.length).toBeGreaterThan(5);
    expect(actions.filter((action) => !inputs.includes(action))).toEqual([]);
    // An import() esbuild could not follow stays in its output (written with double quotes) and
    // fails inside the executable. (React's messages quote `import('./MyComponent')` as text.)
    const left = readFileSync(app, "utf8").match(/\bimport\("\.{1,2}\/[^)]*\)/gu) ?? [];
    expect(left).toEqual([]);
  });
});
