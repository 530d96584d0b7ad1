import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import { Seed } from "../../src/secrets/seed.js";
import { readPskc } from "../../src/seed-file/pskc/read-pskc.js";
import { validateText, triples } from "../helpers/files.js";

// Fixtures written from each format's description (issue #10), with fresh random seeds.
const hex = (length = 20) => randomBytes(length).toString("hex");
const b32 = () => new Seed(randomBytes(20)).toBase32();
const options = { collectTokens: true, manufacturer: "Vendor", model: "M1" } as const;

describe("privacyIDEA / LinOTP OATH CSV", () => {
  it("imports TOTP rows with their hex seed, hash and period; refuses HOTP with one reason", async () => {
    const [a, b, c] = [hex(), hex(32), hex()];
    const text = [
      "# exported tokens",
      `tok1, ${a}, totp, 6, 30`,
      `tok2, ${b}, totp, 6, 60, sha256`,
      `tok3, ${c}, hotp, 8, 345`,
      `tok4, ${hex()}`,
      "",
    ].join("\n");
    const result = await validateText(text, options);
    expect(result.format).toBe("oath-csv");
    expect(triples(result)).toEqual([
      [4, null, "token-type-unsupported"],
      [5, null, "token-type-unsupported"],
    ]);
    expect(result.issues[1]!.message).toMatch(/default type/u);
    const tokens = result.tokens!.map((t) => [
      t.serialNumber,
      Buffer.from(t.seed.bytes()).toString("hex"),
      t.hashFunction,
      t.timeIntervalInSeconds,
    ]);
    expect(tokens).toEqual([
      ["tok1", a, "hmacsha1", 30],
      ["tok2", b, "hmacsha256", 60],
    ]);
  });

  it("does not count a refused HOTP row's seed or serial against a TOTP row", async () => {
    const seed = hex();
    const text = `tok1, ${seed}, hotp, 6\ntok1, ${seed}, totp, 6, 30\n`;
    const result = await validateText(text, options);
    expect([result.valid, result.rejected]).toEqual([1, 1]);
    expect(triples(result)).toEqual([[1, null, "token-type-unsupported"]]);
  });

  it("reads the version 2 layout (user, resolver, realm first) and skips rows without serial", async () => {
    const a = hex();
    const text = `# version:2\nuser1, resolver1, realm1, tok1, ${a}, totp\nuser2, r, realm, , ${hex()}, totp\n`;
    const result = await validateText(text, options);
    expect([result.format, result.rows, result.valid]).toEqual(["oath-csv", 1, 1]);
    expect(result.tokens![0]!.upn).toBeNull();
  });

  it("reads a seed of only A–F and 2–7 as hex, as the format says", async () => {
    const text = `tok1, ${"ABCDEF234567".repeat(4)}ABCDEF23, totp, 6, 30\n`;
    const result = await validateText(text, options);
    expect(result.tokens![0]!.seed.byteLength).toBe(28);
  });
});

describe("Token2 JSON seed file", () => {
  it("reads an array of Graph-named objects, each on the line of its {", async () => {
    const [a, b] = [b32(), b32()];
    const text = `[\n  {\n    "serialNumber": "8659623852751",\n    "secretKey": "${a}",\n    "manufacturer": "Token2",\n    "model": "C202",\n    "timeIntervalInSeconds": 30,\n    "hashFunction": "hmacsha1"\n  },\n  {"serialNumber": "8659623852752", "secretKey": "${b}", "manufacturer": "Token2", "model": "C202", "timeIntervalInSeconds": 60, "upn": "ada@contoso.com"}\n]\n`;
    const result = await validateText(text, { collectTokens: true });
    expect(result.format).toBe("json");
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(
      result.tokens!.map((t) => [t.line, t.serialNumber, t.timeIntervalInSeconds, t.upn]),
    ).toEqual([
      [2, "8659623852751", 30, null],
      [10, "8659623852752", 60, "ada@contoso.com"],
    ]);
  });

  it("refuses JSON that is not a token list, quoting nothing of it", async () => {
    const secret = b32();
    const error = await validateText(`{"secretKey": "${secret}"`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as Error).message).not.toContain(secret);
  });
});

describe("Deepnet DualShield XML", () => {
  it("reads hex seeds with the header's timeWindow as the interval and crypto as the hash", async () => {
    const [a, b] = [hex(), hex()];
    const text = `<?xml version="1.0"?>\n<data>\n<header>\n\t<manufacturerCode>DN</manufacturerCode>\n\t<encrypt>NONE</encrypt>\n\t<encode>HEX</encode>\n\t<digits>6</digits>\n\t<timeWindow>60</timeWindow>\n\t<crypto>HmacSHA1</crypto>\n</header>\n<tokens>\n <token>\n  <serial>71000001</serial>\n  <seed>${a.toUpperCase()}</seed>\n </token>\n <token><serial>71000002</serial><seed>${b}</seed></token>\n</tokens>\n</data>\n`;
    const result = await validateText(text, options);
    expect(result.format).toBe("dualshield");
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(
      result.tokens!.map((t) => [
        t.line,
        t.serialNumber,
        Buffer.from(t.seed.bytes()).toString("hex"),
        t.timeIntervalInSeconds,
        t.hashFunction,
      ]),
    ).toEqual([
      [12, "71000001", a, 60, "hmacsha1"],
      [16, "71000002", b, 60, "hmacsha1"],
    ]);
  });
});

describe("pre-standard PSKC", () => {
  it("names the draft layout and what to ask the vendor for", () => {
    const draft = `<?xml version="1.0"?>\n<KeyContainer xmlns="urn:ietf:params:xml:ns:keyprov:container" Version="1.0">\n<Device><DeviceId><SerialNo>1</SerialNo></DeviceId><Key KeyAlgorithm="totp"><Data Name="SECRET"><Value>${randomBytes(20).toString("base64")}</Value></Data></Key></Device>\n</KeyContainer>\n`;
    let error: unknown;
    try {
      readPskc(draft, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).message).toMatch(/pre-standard PSKC layout \(draft-hoyer/u);
    expect((error as InputFileError).hint).toMatch(/Ask the vendor.*RFC 6030/u);
    const hoyer00 = `<SecretContainer xmlns="http://www.openauthentication.org/OATH/2006/08/PSKC"><Device/></SecretContainer>`;
    expect(() => readPskc(hoyer00, {})).toThrow(/SecretContainer/u);
  });
});
