import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Seed } from "../../src/secrets/seed.js";
import { looksLikeSecret } from "../../src/secrets/secret-like.js";
import { filesUnder, findSecrets, runCli, secretsOf } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
Issue #15 item 3: a seed in the wrong column (serial, UPN) is never echoed — not by validate, not
in import's output or report — and `remove --file` never reads seeds, so none reaches Graph in a
`$filter`.
*/

const header = "upn,serial number,secret key,time interval,manufacturer,model";
const b32 = (bytes: Buffer) => new Seed(bytes).toBase32();

describe("looksLikeSecret", () => {
  it("catches a seed of 80 bits or more in Base32, hex or Base64, however it is written", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 80 }), fc.nat(5), (bytes, style) => {
        const buffer = Buffer.from(bytes);
        const forms = [
          b32(buffer),
          b32(buffer).toLowerCase(),
          b32(buffer).replace(/(.{4})(?!$)/gu, "$1 "),
          buffer.toString("hex"),
          buffer.toString("hex").toUpperCase(),
          buffer.toString("base64"),
        ];
        expect(looksLikeSecret(forms[style]!)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("lets real serials, UPNs and names through", () => {
    for (const value of [
      "60234567",
      "2600124809778",
      "880497B3A2CA2080",
      "306EUO4-00960",
      "ZZ9900000013",
      "MBK000000001",
      "adele.vance@contoso.example",
      "pat.guest_fabrikam.example#EXT#@contoso.example",
      "Deepnet Security",
      "miniOTP-1",
    ])
      expect(looksLikeSecret(value), value).toBe(false);
  });
});

describe("seeds in the wrong column", () => {
  it("validate and import never print or write a seed found in the serial or UPN column", async () => {
    const dir = tempDir();
    const good = { upn: "adele.vance@contoso.example", seed: randomBytes(20) };
    const inSerial = randomBytes(20);
    const inUpn = randomBytes(20);
    const csv = [
      header,
      `${good.upn},70000001,${b32(good.seed)},30,Token2,C202`,
      // A row that lost its serial: every cell moved one column to the left.
      `alex.wilber@contoso.example,${b32(inSerial)},30,Token2,C202`,
      // A row whose UPN cell holds a seed (a paste gone wrong).
      `${b32(inUpn)},70000003,${b32(randomBytes(20))},30,Token2,C202`,
    ].join("\n");
    writeFileSync(join(dir, "shifted.csv"), `${csv}\n`, { mode: 0o600 });

    const plain = await runCli(["validate", "shifted.csv"], { cwd: dir });
    const json = await runCli(["validate", "shifted.csv", "--json"], { cwd: dir });
    const run = await runCli(["import", "shifted.csv", "--emulator", "--yes", "--json"], {
      cwd: dir,
    });
    const plainRun = await runCli(["import", "shifted.csv", "--emulator", "--yes"], { cwd: dir });
    const reports = filesUnder(join(dir, "oathkit-runs"), (p) => p.includes(".failures."));

    const secrets = secretsOf([
      { upn: good.upn, serial: "70000001", seed: good.seed, interval: 30, hash: "hmacsha1" },
    ]);
    secrets.seeds.push(...new Seed(inSerial).textForms(), ...new Seed(inUpn).textForms());
    const outputs = {
      validatePlain: plain.stdout + plain.stderr,
      validateJson: json.stdout + json.stderr,
      importJson: run.stdout + run.stderr,
      importPlain: plainRun.stdout + plainRun.stderr,
      ...reports,
    };
    expect(findSecrets(outputs, secrets)).toEqual([]);
    expect([plain.code, json.code, run.code, plainRun.code]).toEqual([1, 1, 1, 1]);
    expect(plain.stdout).toContain("serial-number-looks-like-seed");
    expect(Object.keys(reports).length).toBeGreaterThan(0);
    expect(Object.values(reports).join("\n")).toContain("(looks like a secret; not shown)");
  });
});

describe("remove never reads seeds", () => {
  const remove = (args: string[], cwd: string) =>
    runCli(["remove", ...args, "--emulator", "--yes"], { cwd });

  it("refuses a seed file, a file whose serial column holds seeds, and a seed as an argument", async () => {
    const dir = tempDir();
    const seed = b32(randomBytes(20));
    const seedFile = `${header}\nadele.vance@contoso.example,70000001,${seed},30,Token2,C202\n`;
    // The same file with its serial cell lost: the seed sits under "serial number".
    const shifted = `${header}\nadele.vance@contoso.example,${seed},30,Token2,C202\n`;
    writeFileSync(join(dir, "seeds.csv"), seedFile, { mode: 0o600 });
    writeFileSync(join(dir, "shifted.csv"), shifted, { mode: 0o600 });
    writeFileSync(join(dir, "list.csv"), `serialNumber\n70000002\n${seed}\n`, { mode: 0o600 });

    const runs = {
      seeds: await remove(["--file", "seeds.csv"], dir),
      shifted: await remove(["--file", "shifted.csv"], dir),
      list: await remove(["--file", "list.csv"], dir),
      argument: await remove(["70000002", seed], dir),
    };
    expect(Object.values(runs).map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs.seeds.stderr).toMatch(/secret key column, so it is a seed file/u);
    expect(runs.list.stderr).toMatch(/row 3 holds a value that looks like a secret key/u);
    expect(runs.argument.stderr).toMatch(/Argument 2 looks like a secret key/u);
    const texts = Object.fromEntries(
      Object.entries(runs).map(([k, r]) => [k, r.stdout + r.stderr]),
    );
    expect(findSecrets(texts, { seeds: [seed, seed.toLowerCase()], codes: [] })).toEqual([]);
    // Refused before signing in: nothing was looked up, so no job folder either.
    expect(Object.keys(filesUnder(join(dir, "oathkit-runs")))).toEqual([]);
  });

  it("applies the seed-file permission rule to --file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "open.csv"), "serialNumber\n70000009\n", { mode: 0o644 });
    const refused = await remove(["--file", "open.csv", "--dry-run"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/may be read by group or others.*chmod 600/su);
    const allowed = await remove(
      ["--file", "open.csv", "--dry-run", "--allow-insecure-permissions"],
      dir,
    );
    // Read, looked up, and not in this empty tenant: "not found" (exit 1), not refused (exit 2).
    expect(allowed.code).toBe(1);
    expect(allowed.stdout).toContain("1 serial");
  });
});
