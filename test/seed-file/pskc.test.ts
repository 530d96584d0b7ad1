import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import type { RawRecord } from "../../src/seed-file/raw-record.js";
import { readPskc, type PskcKeys } from "../../src/seed-file/pskc/read-pskc.js";
import { issueCodes } from "../../src/issues/issue-codes.js";
import {
  keyPackageLines,
  secretForms,
  testBytes,
  writePskc,
  type Protection,
  type TestKey,
} from "../helpers/pskc-writer.js";

let drawn = 0;
const randomBytes = (length: number): Buffer => testBytes(`pskc.test ${drawn++}`, length);
const psk = randomBytes(16);
const pskHex = psk.toString("hex");
const password = "correct horse battery staple";
const pbkdf2: Protection = { kind: "pbkdf2", password, salt: randomBytes(16), iterations: 1000 };

const totp = (serial: string, over: Partial<TestKey> = {}): TestKey => ({
  serial,
  secret: randomBytes(20),
  manufacturer: "Token2",
  model: "C202",
  interval: 30,
  ...over,
});
const keys: TestKey[] = [
  totp("60234567", { suite: "HMAC-SHA1", friendlyName: "Safe 1", userId: "ada@contoso.com" }),
  totp("60234568", { interval: 60, suite: "HMAC-SHA256", secret: randomBytes(32) }),
  totp("00234569", { time: 0 }),
];

const seedHex = (record: RawRecord | undefined): string | undefined =>
  record?.secret?.kind === "bytes"
    ? Buffer.from(record.secret.seed.bytes()).toString("hex")
    : undefined;
const codes = (record: RawRecord | undefined) => record?.issues.map((i) => [i.field, i.code]);

/** Every message and thrown error a run produced, for the secret scan at the end. */
const said: string[] = [];
function read(text: string, given: PskcKeys) {
  try {
    const result = readPskc(text, given);
    said.push(...result.fileIssues.map((i) => i.message));
    said.push(...result.records.flatMap((r) => r.issues.map((i) => i.message)));
    said.push(JSON.stringify(result));
    return result;
  } catch (error) {
    if (error instanceof InputFileError) said.push(error.message, error.hint ?? "");
    throw error;
  }
}

describe("readPskc with containers written like a vendor's", () => {
  for (const [name, protection, given] of [
    ["plain", { kind: "plain" }, {}],
    ["pre-shared key", { kind: "psk", key: psk }, { pskHex }],
    ["PBKDF2 password", pbkdf2, { password }],
  ] as const) {
    it(`reads ${name} TOTP keys onto the Graph fields`, () => {
      const text = writePskc(keys, protection);
      const { records, fileIssues } = read(text, given);
      expect(fileIssues).toEqual([]);
      expect(records.map((r) => r.line)).toEqual(keyPackageLines(text));
      expect(records.map(seedHex)).toEqual(keys.map((k) => k.secret.toString("hex")));
      expect(records.map((r) => r.issues)).toEqual([[], [], []]);
      expect(records.map((r) => r.values)).toEqual([
        {
          serialNumber: "60234567",
          manufacturer: "Token2",
          model: "C202",
          hashFunction: "hmacsha1",
          timeIntervalInSeconds: "30",
          displayName: "Safe 1",
          upn: "ada@contoso.com",
        },
        {
          serialNumber: "60234568",
          manufacturer: "Token2",
          model: "C202",
          hashFunction: "hmacsha256",
          timeIntervalInSeconds: "60",
        },
        {
          serialNumber: "00234569",
          manufacturer: "Token2",
          model: "C202",
          hashFunction: "hmacsha1", // no Suite: the RFC default
          timeIntervalInSeconds: "30",
        },
      ]);
    });
  }

  it("reads encrypted TimeInterval and Time values", () => {
    const text = writePskc(
      [totp("1", { interval: 60, time: 0 }), totp("2", { time: 7 })],
      { kind: "psk", key: psk },
      { encryptIntegers: true },
    );
    const { records } = read(text, { pskHex });
    expect(records.map((r) => r.values.timeIntervalInSeconds)).toEqual(["60", "30"]);
    expect(codes(records[0])).toEqual([]);
    expect(codes(records[1])).toEqual([[null, "pskc-time-origin"]]);
  });

  it("reads any namespace prefix, and CRLF line ends keep the KeyPackage lines", () => {
    const text = writePskc(keys, { kind: "psk", key: psk }, { prefix: "pskc" }).replaceAll(
      "\n",
      "\r\n",
    );
    const { records } = read(text, { pskHex });
    expect(records.map((r) => r.line)).toEqual(keyPackageLines(text));
    expect(records.map(seedHex)).toEqual(keys.map((k) => k.secret.toString("hex")));
  });

  it("reports a tampered ciphertext or ValueMAC on that key's line only, and does not decrypt it", () => {
    for (const what of ["ciphertext", "mac"] as const) {
      const text = writePskc(keys, { kind: "psk", key: psk }, { tamper: { index: 1, what } });
      const { records } = read(text, { pskHex });
      expect(records.map(codes)).toEqual([[], [["secretKey", "pskc-mac-mismatch"]], []]);
      expect(records[1]!.issues[0]!.line).toBe(keyPackageLines(text)[1]);
      expect(records[1]!.secret).toBeUndefined();
      expect(records.map(seedHex)[2]).toBe(keys[2]!.secret.toString("hex"));
    }
  });

  it("rejects a value without ValueMAC when the file declares a MACMethod", () => {
    const text = writePskc(keys, pbkdf2, { tamper: { index: 0, what: "drop-mac" } });
    const { records } = read(text, { password });
    expect(records.map(codes)).toEqual([[["secretKey", "pskc-mac-missing"]], [], []]);
  });

  it("uses the encryption key as MAC key when there is no MACKey (older drafts)", () => {
    const text = writePskc(keys, { kind: "psk", key: psk, mac: "encryption-key" });
    expect(text).not.toContain("MACKey");
    const { records, fileIssues } = read(text, { pskHex });
    expect(fileIssues).toEqual([]);
    expect(records.map(seedHex)).toEqual(keys.map((k) => k.secret.toString("hex")));
  });

  it("warns once when encrypted values carry no MAC at all", () => {
    const text = writePskc(keys, { kind: "psk", key: psk, mac: "none" });
    const { records, fileIssues } = read(text, { pskHex });
    expect(fileIssues.map((i) => [i.line, i.field, i.code, i.severity])).toEqual([
      [2, null, "pskc-no-mac", "warning"],
    ]);
    expect(records.map(seedHex)).toEqual(keys.map((k) => k.secret.toString("hex")));
  });

  it("rejects keys Entra cannot take, with the reason", () => {
    const text = writePskc(
      [
        totp("h", { algorithm: "hotp", interval: undefined }),
        totp("d", { digits: 8 }),
        totp("e", { encoding: "HEXADECIMAL" }),
        totp("i", { interval: 45 }),
        totp("s", { suite: "HMAC-SHA512", secret: randomBytes(64) }),
        totp("t", { time: 1 }),
        totp("o", { algorithm: "urn:ietf:params:xml:ns:keyprov:pskc#ocra" }),
      ],
      { kind: "plain" },
    );
    const { records } = read(text, {});
    expect(records.map(codes)).toEqual([
      [[null, "pskc-not-totp"]],
      [[null, "pskc-digits"]],
      [[null, "pskc-encoding"]],
      [["timeIntervalInSeconds", "pskc-interval"]],
      [["hashFunction", "pskc-hash"]],
      [[null, "pskc-time-origin"]],
      [[null, "pskc-not-totp"]],
    ]);
    expect(records[0]!.issues[0]!.message).toBe(
      "HOTP (counter-based) key; Entra takes TOTP keys only",
    );
    expect(records[3]!.values.timeIntervalInSeconds).toBe("45");
    expect(records[4]!.values.hashFunction).toBe("HMAC-SHA512");
  });

  it("reads a Feitian-style plain file with HOTP and TOTP keys side by side", () => {
    // The layout of Feitian's plain PSKC: default namespace, Time 0, TimeInterval 60, a Policy.
    const b64 = (n: number) => randomBytes(n).toString("base64");
    const pkg = (serial: string, algorithm: string, data: string) => `  <KeyPackage>
    <DeviceInfo><Manufacturer>Feitian Technology Co.,Ltd</Manufacturer><SerialNo>${serial}</SerialNo><Model>c200</Model></DeviceInfo>
    <Key Id="${serial}" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:${algorithm}">
      <Issuer>Feitian</Issuer>
      <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data><Secret><PlainValue>${b64(20)}</PlainValue></Secret>${data}</Data>
      <Policy><StartDate>2012-01-01T00:00:00Z</StartDate><ExpiryDate>2030-01-01T00:00:00Z</ExpiryDate></Policy>
    </Key>
  </KeyPackage>`;
    const text = [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">`,
      pkg("1000133508267", "hotp", "<Counter><PlainValue>0</PlainValue></Counter>"),
      pkg(
        "2600135004012",
        "totp",
        "<Time><PlainValue>0</PlainValue></Time><TimeInterval><PlainValue>60</PlainValue></TimeInterval>",
      ),
      pkg("1000133508255", "hotp", "<Counter><PlainValue>0</PlainValue></Counter>"),
      pkg(
        "2600135004013",
        "totp",
        "<Time><PlainValue>0</PlainValue></Time><TimeInterval><PlainValue>60</PlainValue></TimeInterval>",
      ),
      `</KeyContainer>`,
    ].join("\n");
    const { records } = read(text, {});
    expect(records.map((r) => r.line)).toEqual(keyPackageLines(text));
    expect(records.map((r) => r.issues.map((i) => i.code))).toEqual([
      ["pskc-not-totp"],
      [],
      ["pskc-not-totp"],
      [],
    ]);
    expect(records[1]!.values).toEqual({
      serialNumber: "2600135004012",
      manufacturer: "Feitian Technology Co.,Ltd",
      model: "c200",
      hashFunction: "hmacsha1",
      timeIntervalInSeconds: "60",
    });
  });

  it("tolerates bare KeyPackage fragments, a start tag over several lines, and no DeviceInfo", () => {
    const text = [
      `<?xml version="1.0"?>`,
      `<pskc:KeyPackage xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc">`,
      `  <pskc:Key Id="A1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp">`,
      `    <pskc:Data><pskc:Secret><pskc:PlainValue>${randomBytes(20).toString("base64")}</pskc:PlainValue></pskc:Secret></pskc:Data>`,
      `  </pskc:Key>`,
      `</pskc:KeyPackage>`,
      `<KeyPackage`,
      `    xmlns="urn:ietf:params:xml:ns:keyprov:pskc">`,
      `  <DeviceInfo><SerialNo>B2</SerialNo></DeviceInfo>`,
      `  <Key Id="ignored" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp"><AlgorithmParameters><ResponseFormat Length="7" Encoding="DECIMAL"/></AlgorithmParameters></Key>`,
      `</KeyPackage>`,
    ].join("\n");
    const { records, fileIssues } = read(text, {});
    expect(fileIssues.map((i) => [i.line, i.code])).toEqual([[2, "pskc-no-container"]]);
    expect(records.map((r) => [r.line, r.values.serialNumber, r.secret?.kind])).toEqual([
      [2, "A1", "bytes"],
      [7, "B2", undefined],
    ]);
    expect(codes(records[1])).toEqual([[null, "pskc-digits"]]);
  });

  it("joins a value split by a comment or CDATA, after a prolog comment", () => {
    const key = totp("1");
    const b64 = key.secret.toString("base64");
    const split = `${b64.slice(0, 8)}<!-- wrapped -->${b64.slice(8, 16)}<![CDATA[${b64.slice(16)}]]>`;
    const text = writePskc([key], { kind: "plain" })
      .replace(b64, split)
      .replace(/^<\?xml[^>]*>/u, '<?xml version="1.0"?>\n<!-- exported -->');
    const { records } = read(text, {});
    expect(seedHex(records[0])).toBe(key.secret.toString("hex"));
    expect(records[0]!.line).toBe(keyPackageLines(text)[0]);
  });

  it("reports malformed values as issues", () => {
    const text = writePskc([totp("1")], { kind: "plain" })
      .replace(
        /<PlainValue>[^<]*<\/PlainValue><\/Secret>/u,
        "<PlainValue>not*base64</PlainValue></Secret>",
      )
      .replace("<PlainValue>30</PlainValue>", "<PlainValue>thirty</PlainValue>");
    const { records } = read(text, {});
    expect(codes(records[0])).toEqual([
      ["timeIntervalInSeconds", "pskc-invalid-value"],
      ["secretKey", "pskc-invalid-value"],
    ]);
  });

  it("reports a value encrypted with an unknown cipher on its key", () => {
    const text = writePskc(keys, { kind: "psk", key: psk }).replace(
      /(<Secret><EncryptedValue><xenc:EncryptionMethod Algorithm=")[^"]+/u,
      "$1http://www.w3.org/2001/04/xmlenc#tripledes-cbc",
    );
    const { records } = read(text, { pskHex });
    expect(records.map(codes)).toEqual([[["secretKey", "pskc-encryption-unsupported"]], [], []]);
  });
});

describe("readPskc fatal conditions", () => {
  const encrypted = writePskc(keys, { kind: "psk", key: psk });
  const cases: [string, string, PskcKeys, RegExp][] = [
    [
      "no key for an encrypted file",
      encrypted,
      {},
      /^This PSKC file is encrypted; pass --psk-env, --psk-file or --password-env\.$/u,
    ],
    ["a wrong pre-shared key", encrypted, { pskHex: "0f".repeat(16) }, /wrong key or password/u],
    [
      "a wrong password",
      writePskc(keys, pbkdf2),
      { password: "Tr0ub4dor&3" },
      /wrong key or password/u,
    ],
    [
      "a PSK that is not 32 hex characters",
      encrypted,
      { pskHex: pskHex.slice(2) },
      /not 32 hex characters/u,
    ],
    [
      "a PSK with a non-hex character",
      encrypted,
      { pskHex: `${pskHex.slice(1)}g` },
      /not 32 hex characters/u,
    ],
    [
      "text that is not XML",
      "serial,secret\n1,ABC\n",
      {},
      /not well-formed XML \(line 1, column 1\)\.$/u,
    ],
    ["text after the root", "<KeyContainer/>\n  stray", {}, /\(line 2, column 3\)\.$/u],
    [
      "an unclosed element",
      "<KeyContainer>\n<KeyPackage>\n</KeyContainer>",
      {},
      /not well-formed XML \(line 3/u,
    ],
    ["XML without KeyContainer", "<Tokens><Token/></Tokens>", {}, /no PSKC KeyContainer/u],
    [
      "a KeyContainer with no KeyPackage",
      "<KeyContainer Version='1.0'/>",
      {},
      /holds no KeyPackage/u,
    ],
    [
      "an unknown MAC algorithm",
      encrypted.replace("xmldsig#hmac-sha1", "xmldsig#hmac-md5"),
      { pskHex },
      /MAC algorithm .*hmac-md5.* does not read/u,
    ],
  ];
  for (const [name, text, given, message] of cases) {
    it(`throws InputFileError for ${name}`, () => {
      expect(() => read(text, given)).toThrow(InputFileError);
      expect(() => read(text, given)).toThrow(message);
    });
  }
});

describe("secrets in messages", () => {
  it("no message, record dump or error of the runs above holds a seed, the PSK or the password", () => {
    expect(said.length).toBeGreaterThan(20);
    const forms = secretForms(...keys.map((k) => k.secret), psk, password, "Tr0ub4dor&3");
    const text = said.join("\n");
    for (const form of forms) expect(text).not.toContain(form);
  });

  it("every code the reader emits is registered", () => {
    for (const code of said.join(" ").match(/pskc-[a-z-]+/gu) ?? []) {
      expect(Object.keys(issueCodes)).toContain(code);
    }
  });
});
