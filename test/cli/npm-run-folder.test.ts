import { chmodSync, copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, runChild } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/*
`npm run oathkit -- validate tokens.csv` typed in the admin's own folder: npm runs the script in
the clone's folder and keeps the folder it was typed in as INIT_CWD. A child process started the
way npm starts it (in the clone, with npm's variables): what a path is relative to is the
process's own folder.
*/
describe("npm run oathkit from another folder", () => {
  it("reads a relative path from the folder the command was typed in", async () => {
    const typedIn = join(tempDir(), "tokens");
    mkdirSync(typedIn);
    copyFileSync(join(root, "samples/token2.csv"), join(typedIn, "box-1.csv"));
    chmodSync(join(typedIn, "box-1.csv"), 0o600);
    const npm = { npm_lifecycle_event: "oathkit", INIT_CWD: typedIn };
    const result = await runChild(["validate", "box-1.csv"], { cwd: root, env: npm });
    expect([result.code, result.stdout]).toEqual([
      0,
      expect.stringContaining("OK: box-1.csv: 8 rows"),
    ]);
    // Another script (the demo) keeps npm's folder: its sample path is the clone's.
    const demo = await runChild(["validate", "samples/token2.csv"], {
      cwd: root,
      env: { npm_lifecycle_event: "demo", INIT_CWD: typedIn },
    });
    expect(demo.code).toBe(0);
  }, 30_000);
});
