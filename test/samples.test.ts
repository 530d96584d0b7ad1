import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { samplesDir } from "../src/cli/seed-file-options.js";
import { issueCodes } from "../src/issues/issue-codes.js";
import { validateSeedFile } from "../src/validate/validate-file.js";
import { defaults } from "./helpers/files.js";

const validate = (name: string) =>
  validateSeedFile(`${samplesDir}${name}`, { ...defaults, samplesDir, collectTokens: true });

/** The emulator's demo directory: enabled members may hold imported tokens. */
const members =
  "adele.vance alex.wilber diego.siciliani grady.archie henrietta.mueller isaiah.langer johanna.lorenz joni.sherman lee.gu lidia.holloway lynne.robbins megan.bowen"
    .split(" ")
    .map((u) => `${u}@contoso.example`);

describe("samples", () => {
  it("token2.csv, graph.csv and hex.csv are fully valid, as the README says", async () => {
    const token2 = await validate("token2.csv");
    expect([token2.rows, token2.rejected, token2.seedEncoding]).toEqual([8, 0, "base32"]);
    expect(new Set(token2.tokens?.map((t) => t.model))).toEqual(
      new Set(["C202", "c101", "miniOTP-1"]),
    );
    const graph = await validate("graph.csv");
    expect([graph.rows, graph.rejected, graph.seedEncoding]).toEqual([6, 0, "base32"]);
    expect(
      new Set(graph.tokens?.map((t) => `${t.hashFunction}/${t.timeIntervalInSeconds}`)),
    ).toEqual(new Set(["hmacsha1/30", "hmacsha256/30", "hmacsha1/60", "hmacsha256/60"]));
    expect(
      graph.tokens
        ?.filter((t) => t.hashFunction === "hmacsha256")
        .every((t) => t.seed.byteLength === 32),
    ).toBe(true);
    const hex = await validate("hex.csv");
    expect([hex.rows, hex.rejected, hex.seedEncoding]).toEqual([4, 0, "hex"]);
  });

  it("use distinct enabled members, at most 2 rows each, and serials distinct across every sample", async () => {
    const users = new Map<string, string[]>();
    for (const name of ["token2.csv", "graph.csv", "hex.csv"])
      for (const t of (await validate(name)).tokens ?? [])
        users.set(t.upn!, [...(users.get(t.upn!) ?? []), name]);
    for (const [upn, files] of users) {
      expect(members).toContain(upn);
      expect(files.length).toBeLessThanOrEqual(2);
      expect(new Set(files).size).toBe(1);
    }
    const serials = ["token2.csv", "graph.csv", "hex.csv", "broken.csv"].flatMap((name) =>
      readFileSync(`${samplesDir}${name}`, "utf8")
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[1])
        .filter((s) => s !== undefined && s !== ""),
    );
    const repeated = serials.filter((s, i) => serials.indexOf(s) !== i);
    expect(repeated).toEqual(["60239001"]); // broken.csv's deliberate duplicate
  });

  it("broken.csv shows every issue a Base32 CSV can get from validate", async () => {
    const broken = await validate("broken.csv");
    const notInBroken = [
      "seed-not-hex",
      "seed-encoding-ambiguous",
      "upn-missing",
      "entra-csv-sha256",
      "insecure-permissions",
      // Columns broken.csv does not have, and a shifted column: test/security and test/validate.
      "serial-number-looks-like-seed",
      "digits-unsupported",
      "token-type-unsupported",
      "counter-ignored",
    ];
    // PSKC and Feitian findings cannot come from a CSV file; test/import covers them.
    const expected = Object.keys(issueCodes)
      .filter((c) => !notInBroken.includes(c) && !/^(pskc|feitian)-/u.test(c))
      .sort();
    expect([...new Set(broken.issues.map((i) => i.code))].sort()).toEqual(expected);
    expect([broken.rows, broken.valid, broken.rejected]).toEqual([20, 3, 17]);
  });
});

describe("README", () => {
  it("lists exactly the issue codes of src/validate/issue-codes.ts, with their severities", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|info) \|/gmu)].map(
      (m) => [m[1], m[2]],
    );
    expect(rows.map(([code]) => code).sort()).toEqual(Object.keys(issueCodes).sort());
    for (const [code, severity] of rows)
      expect(issueCodes[code as keyof typeof issueCodes].severity).toBe(severity);
  });
});
