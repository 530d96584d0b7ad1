import { describe, expect, it } from "vitest";
import type { RawRecord } from "../../src/seed-file/raw-record.js";
import { Seed } from "../../src/secrets/seed.js";
import { validateRecords } from "../../src/validate/validate-rows.js";
import { defaults, errorTriples, seeds, triples, validateText } from "../helpers/files.js";

const header = "upn,serial number,secret key,time interval,manufacturer,model,hash function";
const row = (
  over: Partial<
    Record<"upn" | "serial" | "seed" | "interval" | "manufacturer" | "model" | "hash", string>
  > = {},
  i = 1,
) =>
  [
    over.upn ?? `user${i}@contoso.example`,
    over.serial ?? `S${i}`,
    over.seed ?? [seeds.a, seeds.b, seeds.c, seeds.d][i % 4],
    over.interval ?? "30",
    over.manufacturer ?? "Token2",
    over.model ?? "C202",
    over.hash ?? "sha1",
  ].join(",");
const csv = (...rows: string[]) => [header, ...rows].join("\n") + "\n";

describe("serialNumber", () => {
  it("is required, trimmed, kept as text with its leading zeros", async () => {
    const result = await validateText(csv(row({ serial: "" }, 1), row({ serial: "  007 " }, 2)), {
      collectTokens: true,
    });
    expect(triples(result)).toEqual([[2, "serialNumber", "serial-number-missing"]]);
    expect(result.tokens?.map((t) => t.serialNumber)).toEqual(["007"]);
  });

  it("refuses Excel's scientific notation", async () => {
    const result = await validateText(
      csv(
        row({ serial: "6.02346E+07" }, 1),
        row({ serial: "1e5" }, 2),
        row({ serial: "E2E-1" }, 3),
      ),
    );
    expect(triples(result)).toEqual([
      [2, "serialNumber", "serial-number-scientific"],
      [3, "serialNumber", "serial-number-scientific"],
    ]);
  });

  it("is unique in the file: the later row is the error and names the earlier line", async () => {
    const result = await validateText(
      csv(row({ serial: "A1" }, 1), row({}, 2), row({ serial: "A1" }, 3)),
    );
    expect(triples(result)).toEqual([[4, "serialNumber", "serial-number-duplicate"]]);
    expect(result.issues[0]!.message).toContain("line 2");
  });
});

describe("secretKey", () => {
  it("is required", async () => {
    expect(triples(await validateText(csv(row({ seed: "" }))))).toEqual([
      [2, "secretKey", "secret-key-missing"],
    ]);
  });

  it("is normalised: spaces, dashes, lower case and trailing = are fine", async () => {
    const spaced = `${seeds.a.slice(0, 8).toLowerCase()} ${seeds.a.slice(8, 16)}-${seeds.a.slice(16)}====`;
    const result = await validateText(csv(row({ seed: spaced })), { collectTokens: true });
    expect(result.issues).toEqual([]);
    expect(result.tokens?.[0]?.seed.toBase32()).toBe(seeds.a);
  });

  it("refuses characters outside Base32 and impossible Base32 lengths", async () => {
    const result = await validateText(
      csv(
        row({ seed: `${seeds.a.slice(0, 31)}!` }, 1),
        row({ seed: `${seeds.b}A` }, 2),
        row({}, 3),
      ),
    );
    expect(errorTriples(result)).toEqual([
      [2, "secretKey", "seed-not-base32"],
      [3, "secretKey", "seed-not-base32"],
    ]);
  });

  it("refuses Base32 longer than 128 characters", async () => {
    const long = (seeds.a + seeds.b + seeds.c + seeds.d + seeds.a).slice(0, 136);
    expect(errorTriples(await validateText(csv(row({ seed: long }))))).toEqual([
      [2, "secretKey", "seed-too-long"],
    ]);
    expect(errorTriples(await validateText(csv(row({ seed: long.slice(0, 128) }))))).toEqual([]);
  });

  it("refuses seeds under 128 bits unless --allow-weak-seeds, and under 80 bits always", async () => {
    const weak = seeds.a.slice(0, 16); // 80 bits
    const tiny = seeds.b.slice(0, 15); // 72 bits
    const strict = await validateText(csv(row({ seed: weak }, 1), row({ seed: tiny }, 2)));
    expect(triples(strict)).toEqual([
      [2, "secretKey", "seed-weak"],
      [3, "secretKey", "seed-too-short"],
    ]);
    const relaxed = await validateText(csv(row({ seed: weak }, 1), row({ seed: tiny }, 2)), {
      allowWeakSeeds: true,
    });
    expect(relaxed.issues.map((i) => [i.line, i.code, i.severity])).toEqual([
      [2, "seed-weak", "warning"],
      [3, "seed-too-short", "error"],
    ]);
    expect([relaxed.valid, relaxed.rejected]).toEqual([1, 1]);
  });

  it("refuses the same seed on two rows, in any case or spacing, on the later row", async () => {
    const result = await validateText(
      csv(
        row({ seed: seeds.a }, 1),
        row({ seed: seeds.b }, 2),
        row({ seed: seeds.a.toLowerCase() }, 3),
      ),
    );
    expect(triples(result)).toEqual([[4, "secretKey", "seed-duplicate"]]);
    expect(result.issues[0]!.message).toContain("line 2");
  });
});

describe("timeIntervalInSeconds", () => {
  it("accepts 30 and 60 only; --interval fills a missing column but never an empty cell", async () => {
    const result = await validateText(
      csv(row({ interval: "60" }, 1), row({ interval: "45" }, 2), row({ interval: "" }, 3)),
      { interval: 30 },
    );
    expect(triples(result)).toEqual([
      [3, "timeIntervalInSeconds", "time-interval-invalid"],
      [4, "timeIntervalInSeconds", "time-interval-invalid"],
    ]);
    const noColumn = `serial number,secret key,manufacturer,model\nS1,${seeds.a},Token2,C202\n`;
    expect(errorTriples(await validateText(noColumn))).toEqual([
      [2, "timeIntervalInSeconds", "time-interval-invalid"],
    ]);
    const filled = await validateText(noColumn, { interval: 60, collectTokens: true });
    expect(filled.tokens?.[0]?.timeIntervalInSeconds).toBe(60);
  });
});

describe("hashFunction", () => {
  it("accepts the SHA-1/SHA-256 spellings in any case and refuses others", async () => {
    const names = [
      "sha1",
      "SHA256",
      "hmacsha1",
      "HmacSha256",
      "HMAC-SHA256",
      "sha-256",
      "sha512",
      "md5",
    ];
    const result = await validateText(
      csv(
        ...names.map((hash, i) => row({ hash, seed: [seeds.a, seeds.sha256][i % 2] }, i)),
      ).replace(/^/u, ""),
      {
        seedEncoding: "base32",
      },
    );
    expect(errorTriples(result).filter(([, field]) => field === "hashFunction")).toEqual([
      [8, "hashFunction", "hash-function-unsupported"],
      [9, "hashFunction", "hash-function-unsupported"],
    ]);
  });

  it("infers hmacsha256 for 32-byte seeds and hmacsha1 otherwise: per row for an empty cell, once for a missing column", async () => {
    const empty = await validateText(
      csv(row({ hash: "", seed: seeds.sha256 }, 1), row({ hash: "" }, 2)),
      { collectTokens: true },
    );
    expect(triples(empty)).toEqual([
      [2, "hashFunction", "hash-function-inferred"],
      [3, "hashFunction", "hash-function-inferred"],
    ]);
    expect(empty.tokens?.map((t) => t.hashFunction)).toEqual(["hmacsha256", "hmacsha1"]);
    const missing = await validateText(
      `serial number,secret key,time interval,manufacturer,model\nS1,${seeds.sha256},30,T,M\nS2,${seeds.a},30,T,M\n`,
    );
    expect(missing.issues.map((i) => [i.line, i.field, i.code, i.severity])).toEqual([
      [1, "hashFunction", "hash-function-inferred", "info"],
    ]);
    expect(missing.issues[0]!.message).toMatch(/hmacsha1 for 1 and hmacsha256 for 1/u);
  });
});

describe("upn", () => {
  it("must look like local@domain without spaces; empty is fine unless required", async () => {
    const rows = [
      row({ upn: "" }, 1),
      row({ upn: "no-at-sign" }, 2),
      row({ upn: "a b@contoso.example" }, 3),
      row({ upn: "pat.guest_fabrikam.example#EXT#@contoso.example" }, 4),
    ];
    expect(triples(await validateText(csv(...rows)))).toEqual([
      [3, "upn", "upn-invalid"],
      [4, "upn", "upn-invalid"],
    ]);
    expect(errorTriples(await validateText(csv(...rows), { requireUpn: true }))).toContainEqual([
      2,
      "upn",
      "upn-missing",
    ]);
  });

  it("allows at most 5 rows per UPN (case-insensitive): rows after the fifth are errors naming all lines", async () => {
    const seedsFor = (i: number) => `${seeds.a.slice(0, 30)}${"ABCDEFGH"[i]}A`;
    const rows = Array.from({ length: 7 }, (_, i) =>
      row(
        {
          upn: i % 2 ? "Megan.Bowen@contoso.example" : "megan.bowen@contoso.example",
          seed: seedsFor(i),
        },
        i,
      ),
    );
    const result = await validateText(csv(...rows));
    expect(triples(result)).toEqual([
      [7, "upn", "upn-too-many-tokens"],
      [8, "upn", "upn-too-many-tokens"],
    ]);
    expect(result.issues[0]!.message).toContain("lines 2, 3, 4, 5, 6, 7, 8");
  });
});

describe("manufacturer and model", () => {
  it("come from the column or the flag; error if neither", async () => {
    const result = await validateText(csv(row({ manufacturer: "" }, 1), row({ model: "" }, 2)));
    expect(triples(result)).toEqual([
      [2, "manufacturer", "manufacturer-missing"],
      [3, "model", "model-missing"],
    ]);
    const filled = await validateText(csv(row({ manufacturer: "" }, 1), row({ model: "" }, 2)), {
      manufacturer: "Token2",
      model: "C202",
      collectTokens: true,
    });
    expect(filled.issues).toEqual([]);
    expect(filled.tokens?.map((t) => [t.manufacturer, t.model])).toEqual([
      ["Token2", "C202"],
      ["Token2", "C202"],
    ]);
  });
});

describe("a field the file gives for no row", () => {
  it("is one issue about the file, not one per row; the rows stay rejected", async () => {
    const rows = [seeds.a, seeds.b, seeds.c].map((seed, i) => `S${i},${seed}`);
    const result = await validateText(["serial number,secret key", ...rows].join("\n") + "\n", {
      requireUpn: true,
    });
    expect(errorTriples(result)).toEqual([
      [2, "timeIntervalInSeconds", "time-interval-invalid"],
      [2, "upn", "upn-missing"],
      [2, "manufacturer", "manufacturer-missing"],
      [2, "model", "model-missing"],
    ]);
    expect(result.issues.map((i) => i.message).join("\n")).toMatch(
      /none of its 3 rows has one; pass --interval 30 or 60\n.*no UPN for any of its 3 rows.*--map\n.*no manufacturer for any of its 3 rows; pass --manufacturer\n.*no model for any of its 3 rows; pass --model/u,
    );
    expect([result.valid, result.rejected]).toEqual([0, 3]);
  });

  it("stays on each row when some rows have the value", async () => {
    const text = csv(row({}, 1), row({ manufacturer: "" }, 2), row({ manufacturer: "" }, 3));
    expect(errorTriples(await validateText(text))).toEqual([
      [3, "manufacturer", "manufacturer-missing"],
      [4, "manufacturer", "manufacturer-missing"],
    ]);
  });
});

describe("records from any reader", () => {
  it("validates PSKC-style byte secrets without an encoding decision", () => {
    const record = (line: number, seed: Seed): RawRecord => ({
      line,
      values: {
        serialNumber: `P${line}`,
        timeIntervalInSeconds: "30",
        manufacturer: "Feitian",
        model: "c200",
        hashFunction: "hmacsha1",
      },
      secret: { kind: "bytes", seed },
      issues: [],
    });
    const bytes = Seed.fromBase32(seeds.a);
    const result = validateRecords([record(5, bytes), record(12, new Seed(bytes.bytes()))], {
      ...defaults,
      collectTokens: true,
    });
    expect(triples(result)).toEqual([[12, "secretKey", "seed-duplicate"]]);
    expect(result.tokens?.[0]?.seed.equals(bytes)).toBe(true);
  });
});
