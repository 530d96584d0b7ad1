import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { Seed } from "../../src/secrets/seed.js";
import { tempDir } from "../helpers/temp-dir.js";
import { makeTokens, members, ndjson, runCli, startTenant, tenantArgs } from "../helpers/e2e.js";

/**
#15.11 / #9.7: the failures file is opened by people in spreadsheets like the report is: a cell
that a spreadsheet would run as a formula is neutralised there too (a leading '), and oathkit
reads such a cell back as it was, so the file still imports the same tokens.
*/
describe("the failures file in a spreadsheet", () => {
  it("neutralises formula cells, and reads back to the same serials and values", async () => {
    const dir = tempDir();
    const users = members(1);
    const emulator = await startTenant(dir, users);
    const { args, env } = tenantArgs(emulator);
    const [good, a, b, c] = makeTokens([users[0]!.upn, null, null, null], "Q");
    const seed = (t: typeof good) => new Seed(t!.seed).toBase32();
    const header =
      "upn,serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,displayName";
    const rows = [
      `${users[0]!.upn},${good!.serial},${seed(good)},30,Token2,C202,ok`,
      // Rejected by pre-flight (no such user), with formula-looking cells.
      `nobody@contoso.example,-${a!.serial},${seed(a)},30,+Token2,@C202,"=HYPERLINK(""http://x"",""y"")"`,
      `nobody@contoso.example,=${b!.serial},${seed(b)},30,Token2,C202,+cmd`,
      // Rejected by validation (interval), the serial an @ formula.
      `${users[0]!.upn},@${c!.serial},${seed(c)},45,Token2,C202,x`,
    ];
    writeFileSync(join(dir, "tokens.csv"), [header, ...rows].join("\n") + "\n", { mode: 0o600 });

    const run = await runCli(["import", "tokens.csv", "--yes", "--json", ...args], {
      cwd: dir,
      env,
    });
    expect(run.code, run.stderr).toBe(1);
    const summary = ndjson(run.stdout).at(-1) as { summary: { failuresPath: string } };
    const failures = readFileSync(summary.summary.failuresPath, "utf8");
    const cells = Papa.parse<string[]>(failures.trim(), { delimiter: "," }).data;
    expect(cells[0]?.join(",")).toBe(header);
    expect(cells).toHaveLength(4);
    for (const row of cells.slice(1))
      for (const cell of row) expect(cell, `cell ${cell}`).not.toMatch(/^[=+\-@\t\r]/u);
    expect(
      cells
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([`'-${a!.serial}`, `'=${b!.serial}`, `'@${c!.serial}`].sort());

    // Read back by oathkit, the rows are the original ones: same serials, seeds whole.
    const dry = await runCli(
      [
        "import",
        summary.summary.failuresPath,
        ...["--mode", "inventory", "--dry-run", "--yes", "--json", ...args],
      ],
      { cwd: dir, env },
    );
    const events = ndjson(dry.stdout);
    const validated = events.find((e) => e["type"] === "validated") as {
      rows: number;
      issues: Array<{ code: string; line: number; severity: string }>;
    };
    expect(validated.rows).toBe(3);
    const errors = validated.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => [i.line, i.code])).toEqual([[4, "time-interval-invalid"]]);
    const planned = events.filter((e) => e["type"] === "finished").map((e) => e["serialNumber"]);
    expect(planned.sort()).toEqual([`-${a!.serial}`, `=${b!.serial}`].sort());
    expect(emulator.state().devices.map((d) => d.serialNumber)).toEqual([good!.serial]);
  });
});
