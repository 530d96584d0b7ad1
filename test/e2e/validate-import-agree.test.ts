import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Seed } from "../../src/secrets/seed.js";
import { ndjson, runCli } from "../helpers/e2e.js";
import { writePskc } from "../helpers/pskc-writer.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
Issue #9 item 8: anything `validate` calls valid, `import` takes without a row-level surprise.
Each file is validated, then imported with --dry-run into a fresh in-process emulator (the sample
users): the rows validate rejects are exactly the rows import's validation rejects, and every
row validate accepts is planned for creation, none rejected at pre-flight.

The one difference the spec makes (product.md §2.2): a row without a UPN is valid for validate
and for `import --mode inventory`, and an error for the activate and assign modes. Files whose
rows all name a sample user run in the default mode (pre-flight checks each user), the others in
inventory mode.
*/

const samples = resolve(import.meta.dirname, "../../samples");
const users = [
  "adele.vance",
  "alex.wilber",
  "diego.siciliani",
  "grady.archie",
  "henrietta.mueller",
  "isaiah.langer",
].map((u) => `${u}@contoso.example`);
const b32 = () => new Seed(randomBytes(20)).toBase32();

type Document = { rows: number; valid: number; rejected: number; issues: Issue[] };
type Issue = { line: number; severity: string; code: string };

const errorLines = (issues: readonly Issue[]) =>
  [...new Set(issues.filter((i) => i.severity === "error").map((i) => i.line))].sort(
    (a, b) => a - b,
  );

async function expectAgreement(dir: string, file: string, options: string[], modes: string[]) {
  const env = { PSK: "000102030405060708090a0b0c0d0e0f" };
  const validated = await runCli(["validate", file, "--json", ...options], { cwd: dir, env });
  expect(validated.stderr, file).toBe("");
  const doc = JSON.parse(validated.stdout) as Document;
  for (const mode of modes) {
    const run = await runCli(
      ["import", file, "--emulator", "--dry-run", "--json", "--mode", mode, ...options],
      { cwd: dir, env },
    );
    const events = ndjson(run.stdout);
    const seen = events.find((e) => e["type"] === "validated") as unknown as Document;
    const plan = events.find((e) => e["type"] === "plan") as
      | { counts: { create: number; rejectedByValidation: number; rejectedByPreflight: number } }
      | undefined;
    const where = `${file} --mode ${mode}`;
    expect([seen.rows, seen.valid, seen.rejected], where).toEqual([
      doc.rows,
      doc.valid,
      doc.rejected,
    ]);
    expect(errorLines(seen.issues), where).toEqual(errorLines(doc.issues));
    expect(
      events.filter((e) => e["type"] === "row-rejected"),
      where,
    ).toEqual([]);
    if (doc.valid > 0)
      expect(plan?.counts, where).toMatchObject({
        create: doc.valid,
        rejectedByValidation: doc.rejected,
        rejectedByPreflight: 0,
      });
  }
}

describe("validate and import agree on every row", () => {
  it("on the samples", async () => {
    const dir = tempDir();
    for (const name of ["token2.csv", "graph.csv", "hex.csv"])
      await expectAgreement(dir, join(samples, name), [], ["activate"]);
    await expectAgreement(dir, join(samples, "broken.csv"), [], ["inventory"]);
  });

  it("and validate says so when rows have no UPN, the one difference import's modes make", async () => {
    const dir = tempDir();
    const file = join(dir, "no-upn.csv");
    const seed = new Seed(randomBytes(20)).toBase32();
    writeFileSync(
      file,
      `serial number,secret key,time interval,manufacturer,model\nN-1,${seed},30,Token2,C202\n`,
      { mode: 0o600 },
    );
    const validated = await runCli(["validate", file], { cwd: dir });
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain(
      "Note: 1 row has no UPN; import assigns and activates a token only with one",
    );
    expect(validated.stdout).not.toContain(seed);
  });

  it("on vendor header spellings with digits, type and counter columns", async () => {
    const dir = tempDir();
    const rows = [
      ["6", "TOTP", "0"],
      ["8", "TOTP", "0"], // 8 digits: refused by both
      ["6", "HOTP", "0"], // HOTP: refused by both
      ["6", "TOTP", "55012345"], // a TOTP row's counter: noted, not used
      ["", "", ""],
      ["6", "oath-totp", ""],
    ].map(([digits, type, counter], i) =>
      [users[i], `7100000${i}`, b32(), "30", "Token2", "C202", "SHA1", digits, type, counter].join(
        ";",
      ),
    );
    const header =
      "User Principal Name;Serial;Seed;Period;Vendor;Token Model;Algorithm;Digits;Type;Counter";
    writeFileSync(join(dir, "vendor.csv"), [header, ...rows].join("\r\n"), { mode: 0o600 });
    await expectAgreement(dir, "vendor.csv", [], ["activate"]);

    const counters = [
      "Serial,Secret,Interval,Counter",
      ...["0", "12", ""].map((c, i) => `7200000${i},${b32()},30,${c}`),
    ];
    writeFileSync(join(dir, "counters.csv"), counters.join("\n"), { mode: 0o600 });
    await expectAgreement(
      dir,
      "counters.csv",
      ["--manufacturer", "T", "--model", "M"],
      ["inventory"],
    );
  });

  it("on PSKC and Feitian files", async () => {
    const dir = tempDir();
    const secret = () => randomBytes(20);
    const pskc = writePskc(
      [
        { serial: "73000001", secret: secret(), interval: 30, userId: users[0] },
        { serial: "73000002", secret: secret(), interval: 30, digits: 8, userId: users[1] },
        { serial: "73000003", secret: secret(), interval: 30, algorithm: "hotp", userId: users[2] },
        { serial: "73000004", secret: secret(), interval: 60, userId: users[3] },
      ],
      { kind: "psk", key: Buffer.from("000102030405060708090a0b0c0d0e0f", "hex") },
    );
    writeFileSync(join(dir, "tokens.pskc"), pskc, { mode: 0o600 });
    const options = ["--psk-env", "PSK", "--manufacturer", "Feitian", "--model", "c200"];
    await expectAgreement(dir, "tokens.pskc", options, ["activate"]);

    const feitian = ["74000001", "74000002", "bad line here"].map((s, i) =>
      i < 2 ? `${s} ${b32()}` : s,
    );
    writeFileSync(join(dir, "feitian.txt"), feitian.join("\n"), { mode: 0o600 });
    await expectAgreement(
      dir,
      "feitian.txt",
      ["--interval", "60", "--manufacturer", "Feitian", "--model", "c200"],
      ["inventory"],
    );
  });
});
