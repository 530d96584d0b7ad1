import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Seed } from "../../src/secrets/seed.js";
import { errorTriples, triples, validateText } from "../helpers/files.js";

const header = "serial number,secret key,time interval,manufacturer,model,hash function";
const file = (...secrets: string[]) =>
  [header, ...secrets.map((s, i) => `S${i},${s},30,Token2,C202,sha1`)].join("\n") + "\n";
/** Random 20-byte seed as hex that contains at least one of 0 1 8 9 (so it cannot be Base32). */
function hexOnly(): string {
  for (;;) {
    const hex = randomBytes(20).toString("hex");
    if (/[0189]/u.test(hex)) return hex;
  }
}
const base32 = () => new Seed(randomBytes(20)).toBase32();
/** 40 characters from a–f and 2–7: valid as hex and as Base32. */
const ambiguous = () => Array.from(randomBytes(40), (b) => "abcdef234567"[b % 12]).join("");

describe("seed encoding, decided per file (product.md §2.3)", () => {
  it("reads a file as hex when a seed has 0 1 8 9 and every seed is even-length hex, and converts to Base32", async () => {
    const [h1, h2] = [hexOnly(), ambiguous()];
    const result = await validateText(file(h1, h2), { collectTokens: true });
    expect([result.seedEncoding, result.rejected]).toEqual(["hex", 0]);
    expect(result.tokens?.[0]?.seed.toBase32()).toBe(Seed.fromHex(h1).toBase32());
  });

  it("reads a file whose every seed fits both as Base32 and says so", async () => {
    const result = await validateText(file(ambiguous(), ambiguous()));
    expect(result.seedEncoding).toBe("base32");
    expect(triples(result)).toEqual([[1, "secretKey", "seed-encoding-ambiguous"]]);
  });

  it("rejects the rows that do not fit the majority when seeds mix", async () => {
    const base = await validateText(file(base32(), hexOnly(), base32()));
    expect([base.seedEncoding, ...errorTriples(base)]).toEqual([
      "base32",
      [3, "secretKey", "seed-encoding-mixed"],
    ]);
    const hex = await validateText(file(hexOnly(), base32(), hexOnly(), "!!"));
    expect([hex.seedEncoding, ...errorTriples(hex)]).toEqual([
      "hex",
      [3, "secretKey", "seed-encoding-mixed"],
      [5, "secretKey", "seed-not-hex"],
    ]);
  });

  it("obeys --seed-encoding over the content", async () => {
    const [h1, h2] = [ambiguous(), ambiguous()];
    const result = await validateText(file(h1, h2), { seedEncoding: "hex", collectTokens: true });
    expect([result.seedEncoding, result.issues]).toEqual(["hex", []]);
    expect(result.tokens?.[1]?.seed.toBase32()).toBe(Seed.fromHex(h2).toBase32());
    const forced = await validateText(file(hexOnly()), { seedEncoding: "base32" });
    expect(errorTriples(forced)).toEqual([[2, "secretKey", "seed-not-base32"]]);
  });

  it("applies length rules to the decoded hex seed", async () => {
    const result = await validateText(
      file(
        randomBytes(9).toString("hex").replace(/^./u, "1"),
        randomBytes(81).toString("hex").replace(/^./u, "8"),
      ),
    );
    expect(errorTriples(result)).toEqual([
      [2, "secretKey", "seed-too-short"],
      [3, "secretKey", "seed-too-long"],
    ]);
  });
});
