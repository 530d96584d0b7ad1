import { describe, expect, it } from "vitest";
import { chmodSync, copyFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import { cliJs, nodeBin } from "../helpers/e2e.js";
import { openTerminal } from "../helpers/tmux.js";

const samples = resolve(import.meta.dirname, "../../samples");
const path = `${resolve(nodeBin, "..")}:${process.env["PATH"] ?? ""}`;

/**
#9.5, the guided flow: samples/broken.csv has 3 rows valid for some mode, 1 for a mode that
assigns (the others have no UPN). The plan of an Activate run must count the rows the run's own
validation rejected, and say why it is fewer than the validation step showed — not "Create 1 ·
Rejected 0" after "only the 3 valid rows can go on".
*/
describe("the guided flow's counts", () => {
  it("plans broken.csv with the rows its validation rejected, and says why fewer can go on", async () => {
    const dir = tempDir();
    copyFileSync(join(samples, "broken.csv"), join(dir, "broken.csv"));
    chmodSync(join(dir, "broken.csv"), 0o600);
    const term = openTerminal(`node ${cliJs}`, { cwd: dir, env: { PATH: path, HOME: dir } });

    await term.waitFor("❯ broken.csv");
    term.keys("Enter");
    const validation = await term.waitFor("Validation");
    expect(validation).toMatch(/Rows 20 · Valid 3 · Rejected 17/u);
    term.keys("Enter");
    await term.waitFor("Mode");
    term.keys("Enter"); // Activate
    await term.waitFor("Tenant");
    term.keys("Enter"); // Local emulator
    const plan = (await term.waitFor("Go on? y/N")).replace(/\s+/gu, " ");
    expect(plan).toContain("20 rows: 1 to do (create 1, assign 1, activate 1)");
    expect(plan).toContain("0 already done, 19 rejected (19 by validation, 0 by pre-flight)");
    expect(plan).toMatch(
      /Mode activate needs a UPN on every row: 1 of the 3 rows the validation step found valid can go on/u,
    );
    term.keys("n");
    await term.waitFor(/EXIT=\d+|q quit/u);
  }, 60_000);
});
