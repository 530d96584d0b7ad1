import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Seed } from "../../src/secrets/seed.js";
import { privateFile, seeds, tempDir } from "../helpers/files.js";
import { runInProcess } from "../helpers/in-process.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sample = (name: string) => join(root, "samples", name);

/** Every text form of the seeds these runs read (the fixed ones, the samples'): none may print. */
const secretForms = (() => {
  const secrets: string[] = [seeds.a, seeds.b, seeds.c, seeds.d, seeds.sha256];
  for (const name of ["token2.csv", "graph.csv", "hex.csv", "broken.csv"])
    for (const line of readFileSync(sample(name), "utf8").split("\n").slice(1)) {
      const cell = line.split(",")[2];
      if (cell !== undefined && cell.length >= 16) secrets.push(cell);
    }
  return secrets.flatMap((s) => {
    const out = [s.toLowerCase()];
    if (/^[0-9a-f]+$/iu.test(s) && s.length % 2 === 0)
      out.push(Seed.fromHex(s).toBase32().toLowerCase());
    else if (/^[A-Z2-7]+$/iu.test(s))
      out.push(Buffer.from(Seed.fromBase32(s).bytes()).toString("hex"));
    return out;
  });
})();

/**
Runs `oathkit <args>` in process (the CLI's own runCli), and checks at once that nothing it
printed holds a seed — except the tokens convert was asked to print (`keepStdout`).
*/
async function run(args: string[], options: { keepStdout?: boolean } = {}) {
  const result = await runInProcess(args, { cwd: tempDir(), env: { NO_COLOR: "1" } });
  const printed = [result.stderr, ...(options.keepStdout === true ? [] : [result.stdout])];
  const all = printed.join("\n").toLowerCase();
  for (const form of secretForms) expect(all, "a seed was printed").not.toContain(form);
  return result;
}

/** One sentence, optionally a hint line, no stack trace. */
function expectFatal(result: Awaited<ReturnType<typeof run>>, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/u);
}

const csv = (rows: string[]) =>
  ["upn,serial number,secret key,time interval,manufacturer,model", ...rows].join("\n") + "\n";
const good = csv([
  `adele.vance@contoso.example,0101,${seeds.a},30,Token2,C202`,
  `,0102,${seeds.b},60,Token2,C202`,
]);

describe("oathkit validate", () => {
  it("validates the samples without --allow-insecure-permissions, as the README shows", async () => {
    const ok = await run(["validate", sample("token2.csv")]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /OK: .*token2\.csv: 8 rows, 8 valid, 0 rejected; csv, seeds read as Base32\./u,
    );
    const broken = await run(["validate", sample("broken.csv")]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^line +severity +field +code +message$/mu);
    expect(broken.stdout).toMatch(/^ +8 +error +secretKey +seed-encoding-mixed /mu);
  });

  it("prints exactly the JSON document of product.md §1 with --json", async () => {
    const path = privateFile(
      csv([`a@contoso.example,1,${seeds.a},45,Token2,C202`, `,2,${seeds.b},30,Token2,C202`]),
    );
    const result = await run(["validate", path, "--json"]);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      "file",
      "format",
      "seedEncoding",
      "rows",
      "valid",
      "rejected",
      "issues",
    ]);
    expect(doc).toMatchObject({
      file: path,
      format: "csv",
      seedEncoding: "base32",
      rows: 2,
      valid: 1,
      rejected: 1,
    });
    expect(doc["issues"]).toContainEqual({
      line: 2,
      field: "timeIntervalInSeconds",
      code: "time-interval-invalid",
      severity: "error",
      message: 'time interval "45" is not 30 or 60',
    });
  });

  it("exits 2 with one sentence for unusable files and bad usage", async () => {
    expectFatal(await run(["validate", privateFile("")]), /is empty; expected a CSV, PSKC/u);
    expectFatal(
      await run(["validate", privateFile(Buffer.from([0, 1, 2, 3, 255]))]),
      /binary data/u,
    );
    expectFatal(
      await run([
        "validate",
        privateFile(Buffer.from("PK\u0003\u0004xlsx", "latin1"), "tokens.xlsx"),
      ]),
      /zip archive/u,
    );
    expectFatal(
      await run(["validate", privateFile(`upn,id,value\nx@y.example,1,${seeds.a}\n`)]),
      /no "serial number" or "secret key" column/u,
    );
    expectFatal(
      await run(["validate", privateFile(good), "--format", "xls"]),
      /--format must be one of auto, csv, pskc, feitian/u,
    );
    expectFatal(
      await run(["validate", privateFile(good), "--interval", "45"]),
      /--interval must be one of 30, 60/u,
    );
    expectFatal(
      await run(["validate", privateFile(good), "--nope"]),
      /^unknown option --nope\. See/u,
    );
    expectFatal(await run(["validate"]), /needs a seed file/u);
    expectFatal(await run(["validate", privateFile(good), "--format", "pskc"]), /PSKC|XML/u);
  });

  it("refuses a group-readable file, naming chmod and the flag", async () => {
    const path = join(tempDir(), "open.csv");
    writeFileSync(path, good, { mode: 0o644 });
    const refused = await run(["validate", path]);
    expectFatal(refused, /may be read by group or others/u);
    expect(refused.stderr).toMatch(/chmod 600 .*--allow-insecure-permissions/u);
    expect((await run(["validate", path, "--allow-insecure-permissions"])).code).toBe(0);
  });

  it("has --help", async () => {
    const help = await run(["validate", "--help"]);
    expect([help.code, help.stdout]).toEqual([
      0,
      expect.stringContaining("--seed-encoding auto|base32|hex"),
    ]);
    expect((await run(["--help"])).stdout).toMatch(
      /validate <file>[^\n]*\n(?:.*\n)*.*convert <file> --to <fmt>/u,
    );
  });
});

/** Lines of a help text wider than 100 columns (the width the help texts are laid out for). */
const wider = (text: string) => text.split("\n").filter((line) => [...line].length > 100);

describe("the command line in plain words", () => {
  /** One line on stderr, exit 2, nothing on stdout. */
  async function expectOneLine(args: string[], line: string) {
    const result = await run(args);
    expect([result.code, result.stdout, result.stderr]).toEqual([2, "", `${line}\n`]);
  }

  it("names an unknown option with a guess, never the parser's sentence about positionals", async () => {
    const file = privateFile(good);
    await expectOneLine(
      ["validate", file, "--jsn"],
      "unknown option --jsn; did you mean --json? See `oathkit validate --help`.",
    );
    await expectOneLine(
      ["import", file, "--dryrun"],
      "unknown option --dryrun; did you mean --dry-run? See `oathkit import --help`.",
    );
    await expectOneLine(
      ["list", "--stauts", "activated"],
      "unknown option --stauts; did you mean --status? See `oathkit list --help`.",
    );
    await expectOneLine(
      ["remove", "-F3"],
      "unknown option -F (an argument that starts with - goes after --). See `oathkit remove --help`.",
    );
    await expectOneLine(
      ["convert", file, "--to"],
      "--to needs a value. See `oathkit convert --help`.",
    );
    await expectOneLine(
      ["imprt", file],
      "unknown command imprt; did you mean import? See `oathkit --help`.",
    );
    await expectOneLine(["--jsn"], "unknown option --jsn. See `oathkit --help`.");
  });

  it("says which number a flag takes, not what zod received", async () => {
    await expectOneLine(
      ["emulator", "--port", "abc"],
      "--port takes a whole number. See `oathkit emulator --help`.",
    );
    await expectOneLine(
      ["emulator", "--fault-rate", "2"],
      "--fault-rate must be between 0 and 1. See `oathkit emulator --help`.",
    );
    await expectOneLine(
      ["emulator", "--fault-kinds", "503,slow"],
      "--fault-kinds takes a list of 503, lost, reset, separated by commas. See `oathkit emulator --help`.",
    );
    await expectOneLine(
      ["emulator", "stray"],
      'oathkit emulator takes no arguments, got "stray". See `oathkit emulator --help`.',
    );
    await expectOneLine(
      ["import", privateFile(good), "--concurrency", "1e3"],
      "--concurrency takes a whole number. See `oathkit import --help`.",
    );
    await expectOneLine(
      ["remove", "X1", "--concurrency", "0"],
      "--concurrency must be between 1 and 64. See `oathkit remove --help`.",
    );
  });

  it("refuses a plain-http Graph URL in one sentence, not as an internal error", async () => {
    const result = await run([
      "list",
      "--graph-url",
      "http://127.0.0.1:9",
      "--tenant",
      "contoso.example",
      "--client-id",
      "5a0b3c2d-1111-4222-8333-944455556666",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--graph-url http://127.0.0.1:9 is refused");
    expect(result.stderr).not.toContain("internal error");
  });

  it("prints the version with --version, -V and -v", async () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      version: string;
    };
    for (const flag of ["--version", "-V", "-v"])
      expect(await run([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("shows examples in every command's --help, no line wider than 100 columns", async () => {
    for (const command of [
      "validate",
      "import",
      "activate",
      "list",
      "remove",
      "convert",
      "emulator",
    ]) {
      const help = await run([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`\nExamples:\n(  oathkit ${command} .+\n)+`, "u"));
      expect(wider(help.stdout), command).toEqual([]);
    }
    const top = (await run(["--help"])).stdout;
    expect(top).toMatch(/\nExamples:\n {2}oathkit validate /u);
    expect(wider(top)).toEqual([]);
  });
});

describe("oathkit convert", () => {
  it("refuses to print secrets unless --out - is given, and then prints the Entra CSV", async () => {
    const path = privateFile(good);
    expectFatal(
      await run(["convert", path, "--to", "entra-csv"]),
      /needs a file: pass --out <path>/u,
    );
    const printedCsv = await run(["convert", path, "--to", "entra-csv", "--out", "-"], {
      keepStdout: true,
    });
    expect(printedCsv.code).toBe(0);
    expect(printedCsv.stdout).toBe(
      `upn,serial number,secret key,time interval,manufacturer,model\r\nadele.vance@contoso.example,0101,${seeds.a},30,Token2,C202\r\n,0102,${seeds.b},60,Token2,C202\r\n`,
    );
    expect(printedCsv.stderr).toMatch(/Wrote 2 token\(s\) as entra-csv to stdout/u);
  });

  it("creates the output 0600, never overwrites it without --force, and writes the Graph body", async () => {
    const dir = tempDir();
    const out = join(dir, "body.json");
    const hexFile = privateFile(
      csv([
        `lee.gu@contoso.example,=1,${Buffer.from(Seed.fromBase32(seeds.sha256).bytes()).toString("hex")},30,Token2,C302`,
      ]),
    );
    expect((await run(["convert", hexFile, "--to", "graph-json", "--out", out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({
      "@context": "#$delta",
      value: [
        {
          "@contentId": "1",
          serialNumber: "=1",
          manufacturer: "Token2",
          model: "C302",
          secretKey: seeds.sha256,
          timeIntervalInSeconds: 30,
          hashFunction: "hmacsha256",
        },
      ],
    });
    expectFatal(
      await run(["convert", hexFile, "--to", "graph-json", "--out", out]),
      /already exists; oathkit does not overwrite/u,
    );
    writeFileSync(out, "old", { mode: 0o644 });
    expect(
      (await run(["convert", hexFile, "--to", "graph-json", "--out", out, "--force"])).code,
    ).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, "utf8")).toContain('"@context"');
  });

  it("escapes spreadsheet formulas in non-secret cells of the Entra CSV", async () => {
    const out = join(tempDir(), "entra.csv");
    const path = privateFile(
      csv([`adele.vance@contoso.example,@SUM(1),${seeds.c},30,"=cmd|x,y",+M`]),
    );
    expect((await run(["convert", path, "--to", "entra-csv", "--out", out])).code).toBe(0);
    expect(readFileSync(out, "utf8").split("\r\n")[1]).toBe(
      `adele.vance@contoso.example,'@SUM(1),${seeds.c},30,"'=cmd|x,y",'+M`,
    );
  });

  it("writes nothing and exits 1 when a row is invalid or a SHA-256 token targets the Entra CSV", async () => {
    const out = join(tempDir(), "never.csv");
    const broken = await run(["convert", sample("broken.csv"), "--to", "graph-json", "--out", out]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/Nothing written/u);
    expect(existsSync(out)).toBe(false);
    const sha256 = await run([
      "convert",
      sample("graph.csv"),
      "--to",
      "entra-csv",
      "--out",
      out,
      "--json",
    ]);
    expect(sha256.code).toBe(1);
    const doc = JSON.parse(sha256.stdout) as { rejected: number; issues: { code: string }[] };
    expect(doc.rejected).toBe(3);
    expect(doc.issues.filter((i) => i.code === "entra-csv-sha256")).toHaveLength(3);
    expect(existsSync(out)).toBe(false);
    expect(
      (await run(["convert", sample("graph.csv"), "--to", "graph-json", "--out", out])).code,
    ).toBe(0);
  });

  it("has --help and refuses an unknown --to", async () => {
    expect((await run(["convert", "--help"])).stdout).toContain("--to entra-csv|graph-json");
    expectFatal(
      await run(["convert", privateFile(good), "--to", "xml", "--out", "x"]),
      /--to must be one of entra-csv, graph-json/u,
    );
  });
});
