import { describe, expect, it } from "vitest";
import { readPskc } from "../../src/seed-file/pskc/read-pskc.js";
import type { RawRecord } from "../../src/seed-file/raw-record.js";
import { testBytes, writePskc, type TestKey } from "../helpers/pskc-writer.js";

// What real vendors and peer tools write that RFC 6030's figures do not (issue #10): fixtures
// written here from each layout's description, with fresh seeds.
let drawn = 0;
const randomBytes = (length: number): Buffer => testBytes(`pskc-vendors ${drawn++}`, length);
const psk = randomBytes(16);
const pskHex = psk.toString("hex");
const totp = (serial: string, over: Partial<TestKey> = {}): TestKey => ({
  serial,
  secret: randomBytes(20),
  manufacturer: "Token2",
  model: "C202",
  interval: 30,
  ...over,
});
const codes = (record: RawRecord | undefined) => record?.issues.map((i) => i.code);
const seedHex = (record: RawRecord | undefined): string | undefined =>
  record?.secret?.kind === "bytes"
    ? Buffer.from(record.secret.seed.bytes()).toString("hex")
    : undefined;

/** privacyIDEA's export: every element and attribute name lower-case, the hash as an attribute. */
function privacyIdeaStyle(text: string): string {
  return text
    .replace(/<Suite>([^<]*)<\/Suite>/gu, (_, hash: string) => `<Suite hashalgo="${hash}"></Suite>`)
    .replace(
      /<(\/?)([\w:]+)/gu,
      (_, slash: string, name: string) => `<${slash}${name.toLowerCase()}`,
    )
    .replace(/ (\w+)=/gu, (_, name: string) => ` ${name.toLowerCase()}=`);
}

describe("PSKC as vendors and peer tools write it", () => {
  it("takes an LDAP DN in UserId as no UPN, with a note, so --map can decide the holder", () => {
    const text = writePskc(
      [
        totp("1001", { userId: "UID=jsmith,DC=example-bank,DC=net" }),
        totp("1002", { userId: "CN=Jane Smith,UID=jane,O=Example" }),
        totp("1003", { userId: "ada@contoso.com" }),
      ],
      { kind: "plain" },
    );
    const { records } = readPskc(text, {});
    expect(records.map((r) => r.values.upn)).toEqual([undefined, undefined, "ada@contoso.com"]);
    expect(records.map(codes)).toEqual([["pskc-userid-not-upn"], ["pskc-userid-not-upn"], []]);
    expect(records[0]!.issues[0]!.severity).toBe("info");
  });

  it("reads privacyIDEA's lower-case export with <suite hashalgo>, keeping SHA-256", () => {
    const keys = [
      totp("PITOTP1", { suite: "sha1" }),
      totp("PITOTP256", { suite: "sha256", secret: randomBytes(32) }),
    ];
    const text = privacyIdeaStyle(writePskc(keys, { kind: "psk", key: psk }));
    expect(text).toContain('<suite hashalgo="sha256">');
    expect(text).not.toContain("KeyPackage");
    const { records } = readPskc(text, { pskHex });
    expect(records.map((r) => r.values.serialNumber)).toEqual(["PITOTP1", "PITOTP256"]);
    expect(records.map((r) => r.values.hashFunction)).toEqual(["hmacsha1", "hmacsha256"]);
    expect(records.map(seedHex)).toEqual(keys.map((k) => k.secret.toString("hex")));
    expect(records.map(codes)).toEqual([[], []]);
  });

  it("notes a 32-byte seed read as SHA-1 because the key names no Suite", () => {
    const text = writePskc([totp("2001", { secret: randomBytes(32) }), totp("2002")], {
      kind: "plain",
    });
    const { records } = readPskc(text, {});
    expect(records.map((r) => r.values.hashFunction)).toEqual(["hmacsha1", "hmacsha1"]);
    expect(records.map(codes)).toEqual([["pskc-hash-assumed"], []]);
  });

  it("reads the legacy MAC name xmldsig-more#hmac-sha1 as HMAC-SHA1", () => {
    const keys = [totp("3001")];
    const text = writePskc(keys, { kind: "psk", key: psk }).replace(
      "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
      "http://www.w3.org/2001/04/xmldsig-more#hmac-sha1",
    );
    expect(text).toContain("xmldsig-more#hmac-sha1");
    const { records } = readPskc(text, { pskHex });
    expect(records.map(seedHex)).toEqual([keys[0]!.secret.toString("hex")]);
    expect(records.map(codes)).toEqual([[]]);
  });

  it("notes a Version other than 1.0 and still reads the keys", () => {
    const text = writePskc([totp("4001")], { kind: "plain" }).replace(
      'Version="1.0"',
      'Version="2.0"',
    );
    const { records, fileIssues } = readPskc(text, {});
    expect(records).toHaveLength(1);
    expect(fileIssues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ["pskc-version", "info", 2],
    ]);
    expect(fileIssues[0]!.message).toContain("2.0");
  });
});
