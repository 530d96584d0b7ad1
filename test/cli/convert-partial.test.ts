import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Seed } from "../../src/secrets/seed.js";
import { privateFile, tempDir } from "../helpers/files.js";
import { runInProcess } from "../helpers/in-process.js";

// A mixed shipment (issue #10): TOTP rows and a HOTP row, with fresh seeds.
const seeds = [0, 1, 2].map(() => new Seed(randomBytes(20)).toBase32());
const mixed = [
  "serial number,secret key,time interval,manufacturer,model,type",
  `5001,${seeds[0]},30,Token2,C202,TOTP`,
  `5002,${seeds[1]},30,Token2,C202,HOTP`,
  `5003,${seeds[2]},60,Token2,C202,TOTP`,
  "",
].join("\n");

const convert = (args: string[]) => runInProcess(["convert", ...args], { cwd: tempDir() });

describe("convert --skip-rejected", () => {
  it("without the flag writes nothing while a row is rejected", async () => {
    const out = join(tempDir(), "out.csv");
    const result = await convert([privateFile(mixed), "--to", "entra-csv", "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/--skip-rejected/u);
    expect(existsSync(out)).toBe(false);
  });

  it("writes the valid rows, reports the rejected one and exits 1", async () => {
    const out = join(tempDir(), "out.csv");
    const result = await convert([
      privateFile(mixed),
      "--to",
      "entra-csv",
      "--out",
      out,
      "--skip-rejected",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/token-type-unsupported/u);
    expect(result.stdout).toMatch(/Wrote 2 token\(s\).*; 1 rejected row\(s\) not written/u);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const lines = readFileSync(out, "utf8").trim().split("\r\n");
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["5001", "5003"]);
    for (const form of [seeds[0]!, seeds[1]!, seeds[2]!])
      expect(result.stdout + result.stderr).not.toContain(form);
  });

  it("with --json says how many were written", async () => {
    const out = join(tempDir(), "out.json");
    const result = await convert([
      privateFile(mixed),
      "--to",
      "graph-json",
      "--out",
      out,
      "--skip-rejected",
      "--json",
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: 2, rejected: 1, written: 2 });
    const body = JSON.parse(readFileSync(out, "utf8")) as { value: { serialNumber: string }[] };
    expect(body.value.map((t) => t.serialNumber)).toEqual(["5001", "5003"]);
  });
});
