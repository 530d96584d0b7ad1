import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Seed } from "../../src/secrets/seed.js";
import { IssuesTable } from "../../src/ui/IssuesTable.js";
import { issueLayout } from "../../src/ui/issue-layout.js";
import type { Issue } from "../../src/issues/issue.js";
import { runCli } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
Issue #15 item 5: output grows with the input, not with its square. One UPN on 5,000 rows printed
145 MB (every later row listed every line of that user); more than about 130,000 issues made
validate die with a RangeError (a spread of every issue into Math.max).
*/

const header = "upn,serial number,secret key,time interval,manufacturer,model";

function oneUserFile(dir: string, rows: number): string {
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `adele.vance@contoso.example,${70_000_000 + i},${new Seed(randomBytes(20)).toBase32()},30,Token2,C202`,
  );
  const path = join(dir, "one-user.csv");
  writeFileSync(path, [header, ...lines].join("\n") + "\n", { mode: 0o600 });
  return path;
}

describe("output stays linear in the rows", () => {
  it("validate, validate --json and import's plain output name a user's first lines only", async () => {
    const dir = tempDir();
    oneUserFile(dir, 5_000);
    const plain = await runCli(["validate", "one-user.csv"], { cwd: dir });
    const json = await runCli(["validate", "one-user.csv", "--json"], { cwd: dir });
    const imported = await runCli(["import", "one-user.csv", "--emulator", "--dry-run"], {
      cwd: dir,
    });
    expect([plain.code, json.code, imported.code]).toEqual([1, 1, 1]);
    // 4,995 rejected rows: a few hundred bytes each, not 5,000 line numbers each.
    for (const out of [plain.stdout, json.stdout, imported.stdout])
      expect(out.length).toBeLessThan(4_995 * 400);
    expect(plain.stdout).toContain(
      "this user has 5000 rows (lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 4990 more)",
    );
    const document = JSON.parse(json.stdout) as { rejected: number; issues: unknown[] };
    expect(document.rejected).toBe(4_995);
  });

  it("validate prints a table of 140,000 issues instead of dying", async () => {
    const dir = tempDir();
    const seed = new Seed(randomBytes(20)).toBase32();
    const rows = Array.from({ length: 70_000 }, () => `,1,${seed},30,Token2,C202`);
    writeFileSync(join(dir, "same.csv"), [header, ...rows].join("\n") + "\n", { mode: 0o600 });
    const plain = await runCli(["validate", "same.csv"], { cwd: dir });
    expect(plain.stderr).toBe("");
    expect(plain.code).toBe(1);
    const lines = plain.stdout.trimEnd().split("\n");
    expect(lines.at(-2)).toBe(
      "REJECTED ROWS: same.csv: 70000 rows, 1 valid, 69999 rejected; csv, seeds read as Base32.",
    );
    expect(lines.at(-1)).toMatch(/^Note: 70000 rows have no UPN;/u);
  });

  it("the validation screen's table takes 140,000 issues", () => {
    const issues: Issue[] = Array.from({ length: 140_000 }, (_, i) => ({
      line: i + 2,
      field: "serialNumber",
      code: "serial-number-duplicate",
      severity: "error",
      message: "serial number is already on line 2",
    }));
    const ui = render(
      <IssuesTable
        issues={issues}
        layout={issueLayout(issues, 100, false)}
        window={{ selected: 0, top: 0 }}
        room={3}
        detail={false}
      />,
    );
    expect(ui.lastFrame()).toContain("Issues 1–3 of 140000");
    ui.unmount();
  });
});
