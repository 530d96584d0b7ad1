import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import { openContainerKeys } from "../../src/seed-file/pskc/container-keys.js";
import { readPskc } from "../../src/seed-file/pskc/read-pskc.js";
import { parseXmlTree } from "../../src/seed-file/pskc/xml-tree.js";

// RFC 6030 Figures 6 and 7 with the vectors of reliability.md §4.3. Both are 8-digit HOTP keys:
// the reader must open them exactly, and then reject them for Entra.
const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/pskc/${name}`, import.meta.url), "utf8");
const figure6 = fixture("rfc6030-figure6.pskcxml");
const figure7 = fixture("rfc6030-figure7.pskcxml");
const psk = "12345678901234567890123456789012";
const secret = "3132333435363738393031323334353637383930"; // ASCII "12345678901234567890"

const containerOf = (text: string) => parseXmlTree(text)[0];

describe("RFC 6030 Figure 6 (pre-shared key, AES-128-CBC, HMAC-SHA1)", () => {
  it("decrypts the MAC key with the PSK", () => {
    const keys = openContainerKeys(containerOf(figure6), true, { pskHex: psk });
    expect(keys.encryption?.toString("hex")).toBe(psk);
    expect(keys.mac?.hash).toBe("sha1");
    expect(keys.mac?.key.toString("hex")).toBe("1122334455667788990011223344556677889900");
  });

  it("checks the ValueMAC, decrypts the secret, and rejects the HOTP 8-digit key for Entra", () => {
    const { records, fileIssues } = readPskc(figure6, { pskHex: psk });
    expect(fileIssues).toEqual([]);
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record.line).toBe(19);
    expect(record.values).toEqual({
      serialNumber: "987654321",
      manufacturer: "Manufacturer",
      hashFunction: "hmacsha1",
    });
    expect(record.secret?.kind).toBe("bytes");
    const seed = record.secret?.kind === "bytes" ? record.secret.seed : undefined;
    expect(Buffer.from(seed!.bytes()).toString("hex")).toBe(secret);
    expect(record.issues.map((i) => [i.line, i.field, i.code, i.severity])).toEqual([
      [19, null, "pskc-not-totp", "error"],
    ]);
  });

  it("is fatal without a key, and with a wrong key", () => {
    expect(() => readPskc(figure6, {})).toThrow(
      /^This PSKC file is encrypted; pass --psk-env, --psk-file or --password-env\.$/u,
    );
    expect(() => readPskc(figure6, { pskHex: "00".repeat(16) })).toThrow(/wrong key or password/u);
    expect(() => readPskc(figure6, { password: "qwerty" })).toThrow(
      /pre-shared key, not a password/u,
    );
  });
});

describe("RFC 6030 Figure 7 (PBKDF2 password)", () => {
  it("derives the key and decrypts the MAC key", () => {
    const keys = openContainerKeys(containerOf(figure7), true, { password: "qwerty" });
    expect(keys.encryption?.toString("hex")).toBe("651e63cd57008476af1ff6422cd02e41");
    expect(keys.mac?.key.toString("hex")).toBe("bdaab8d648e850d25a3289364f7d7eaaf53ce581");
  });

  it("decrypts the secret and rejects the key for Entra", () => {
    const { records } = readPskc(figure7, { password: "qwerty" });
    const record = records[0]!;
    expect(record.line).toBe(40);
    expect(record.values.serialNumber).toBe("987654321");
    expect(record.values.manufacturer).toBe("TokenVendorAcme");
    const seed = record.secret?.kind === "bytes" ? record.secret.seed : undefined;
    expect(Buffer.from(seed!.bytes()).toString("ascii")).toBe("12345678901234567890");
    expect(record.issues.map((i) => i.code)).toEqual(["pskc-not-totp"]); // one reason: its 8 digits are HOTP's
  });

  it("also opens with the derived key given as --psk-hex", () => {
    const { records } = readPskc(figure7, { pskHex: "651e63cd57008476af1ff6422cd02e41" });
    const seed = records[0]!.secret?.kind === "bytes" ? records[0]!.secret.seed : undefined;
    expect(Buffer.from(seed!.bytes()).toString("hex")).toBe(secret);
  });

  it("is fatal with a wrong password, naming no key material", () => {
    let thrown: unknown;
    try {
      readPskc(figure7, { password: "qwertz" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputFileError);
    const { message, hint } = thrown as InputFileError;
    expect(message).toBe(
      "No MAC in this PSKC file matches: wrong key or password, or the file was altered.",
    );
    expect(`${message} ${hint}`).not.toMatch(/qwert|651e63cd|bdaab8d6/iu);
    expect(() => readPskc(figure7, {})).toThrow(/--password-env/u);
  });
});
