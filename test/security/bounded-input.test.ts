import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Seed } from "../../src/secrets/seed.js";
import { runCli, startTenant, tenantArgs } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";
import { startHostileGraph } from "../helpers/hostile-graph.js";

/**
Issue #15 item 6: input is bounded (file size, line length) with clear errors; control characters
are refused anywhere in a file, not only in its first 64 KB; nothing printed carries a control
character from outside (a file's name or cells, a server's message).
*/

const header = "upn,serial number,secret key,time interval,manufacturer,model";
const row = (i: number) =>
  `,${70_000_000 + i},${new Seed(randomBytes(20)).toBase32()},30,Token2,C202`;
/** 2,000 good rows (about 100 KB): whatever comes after them is past the first 64 KB. */
const goodRows = Array.from({ length: 2_000 }, (_, i) => row(i));

function file(dir: string, name: string, lines: readonly string[]): string {
  writeFileSync(join(dir, name), `${lines.join("\n")}\n`, { mode: 0o600 });
  return name;
}

/** No raw control character other than a line break. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;

describe("bounded input", () => {
  it("refuses a line or a record longer than 65,536 characters, naming its line", async () => {
    const dir = tempDir();
    const long = file(dir, "long.csv", [header, ...goodRows, `,1,${"A".repeat(1_000_000)},30,T,M`]);
    const unclosed = file(dir, "unclosed.csv", [
      header,
      `,1,"${new Seed(randomBytes(20)).toBase32()},30,Token2,C202`,
      ...goodRows,
      ...goodRows,
    ]);
    const feitian = file(dir, "long.txt", [`60234567 ${"A".repeat(100_000)}`]);
    const runs = [
      await runCli(["validate", long], { cwd: dir }),
      await runCli(["validate", unclosed], { cwd: dir }),
      await runCli(["validate", feitian, "--format", "feitian", "--interval", "30"], { cwd: dir }),
    ];
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(runs[0]!.stderr).toContain(
      "long.csv: the record starting on line 2002 is longer than 65,536 characters",
    );
    expect(runs[1]!.stderr).toContain("the record starting on line 2 is longer than 65,536");
    expect(runs[2]!.stderr).toContain("the record starting on line 1 is longer than 65,536");
  });

  it("refuses NUL and ESC anywhere in the file, naming the line", async () => {
    const dir = tempDir();
    const nul = file(dir, "nul.csv", [header, ...goodRows, `\u0000${row(9_999)}`]);
    const esc = file(dir, "esc.csv", [header, ...goodRows, `x\u001b[2J@contoso.example${row(9)}`]);
    const runs = [
      await runCli(["validate", nul], { cwd: dir }),
      await runCli(["import", esc, "--emulator", "--dry-run"], { cwd: dir }),
    ];
    expect(runs.map((r) => r.code)).toEqual([2, 2]);
    expect(runs[0]!.stderr).toContain("nul.csv holds a control character on line 2002");
    expect(runs[1]!.stderr).toContain("esc.csv holds a control character on line 2002");
    for (const r of runs) expect(r.stdout + r.stderr).not.toMatch(rawControl);
  });

  it("refuses files larger than the limits before reading them", async () => {
    const dir = tempDir();
    file(dir, "huge.csv", [header, row(1)]);
    truncateSync(join(dir, "huge.csv"), 300 * 1024 * 1024); // sparse: no disk used
    // Text for the first 64 KB (format detection reads them), then 65 MB in all. (PSKC is
    // streamed now, with the CSV's limit.)
    file(dir, "huge.txt", [`2600135004012 ${"A".repeat(32)}`, " ".repeat(70_000)]);
    truncateSync(join(dir, "huge.txt"), 65 * 1024 * 1024);
    file(dir, "serials.csv", ["serialNumber", "70000001"]);
    truncateSync(join(dir, "serials.csv"), 65 * 1024 * 1024);
    const runs = [
      await runCli(["validate", "huge.csv"], { cwd: dir }),
      await runCli(["validate", "huge.txt"], { cwd: dir }),
      await runCli(["remove", "--file", "serials.csv", "--emulator", "--dry-run"], { cwd: dir }),
      await runCli(["remove", "--file", "/dev/zero", "--emulator", "--dry-run"], { cwd: dir }),
      await runCli(["import", "serials.csv", "--map", "/dev/zero", "--emulator", "--dry-run"], {
        cwd: dir,
      }),
    ];
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs[0]!.stderr).toContain(
      "huge.csv is 300 MB; oathkit reads seed files of at most 256 MB",
    );
    expect(runs[1]!.stderr).toContain(
      "huge.txt is 65 MB; oathkit reads Feitian, OATH CSV, JSON and DualShield files of at most 64 MB",
    );
    expect(runs[2]!.stderr).toContain(
      "serials.csv is 65 MB; oathkit reads serial files of at most 64 MB",
    );
    expect(runs[3]!.stderr).toContain("/dev/zero is not a file");
    expect(runs[4]!.stderr).toContain("/dev/zero is not a file; expected a --map file");
  });
});

describe("printable output", () => {
  it("shows a file name's control characters as escapes", async () => {
    const dir = tempDir();
    const run = await runCli(["validate", "x\u001b]0;pwned\u0007.csv"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("x\\x1B]0;pwned\\x07.csv cannot be read");
    expect(run.stderr).not.toMatch(rawControl);
    const unknown = await runCli(["\u001b[2Jvalidate"], { cwd: dir });
    expect(unknown.stderr).toContain("unknown command \\x1B[2Jvalidate.");
    expect(unknown.stderr).not.toMatch(rawControl);
  });

  it("shows a server's escape sequences as text in import's plain output", async () => {
    const dir = tempDir();
    const emulator = await startTenant(dir, [{ upn: "user1@contoso.example" }]);
    const hostile = await startHostileGraph(emulator, ({ body }) =>
      body.includes("verificationCode")
        ? {
            status: 400,
            body: { error: { code: "badRequest", message: "\u001b[2J\u001b]0;owned\u0007 no" } },
          }
        : undefined,
    );
    file(dir, "tokens.csv", [header, `user1@contoso.example${row(1)}`]);
    const { args, env } = tenantArgs(emulator);
    args[args.indexOf("--graph-url") + 1] = hostile.url;
    const run = await runCli(["import", "tokens.csv", "--yes", ...args], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("\\x1B[2J\\x1B]0;owned\\x07 no");
    expect(run.stdout + run.stderr).not.toMatch(rawControl);
  });
});
