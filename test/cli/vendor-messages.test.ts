import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Seed } from "../../src/secrets/seed.js";
import { privateFile, tempDir } from "../helpers/files.js";
import { runInProcess } from "../helpers/in-process.js";
import { secretForms, writePskc, type TestKey } from "../helpers/pskc-writer.js";

// The messages issue #10 found misleading, each on a small file written here with fresh seeds.
const secrets: Buffer[] = [];
const fresh = (length = 20): Buffer => {
  const bytes = randomBytes(length);
  secrets.push(bytes);
  return bytes;
};
const key = (serial: string, over: Partial<TestKey> = {}): TestKey => ({
  serial,
  secret: fresh(),
  manufacturer: "Token2",
  model: "C202",
  interval: 30,
  ...over,
});

async function validate(path: string, ...more: string[]) {
  const result = await runInProcess(["validate", path, ...more], { cwd: tempDir() });
  const printed = `${result.stdout}\n${result.stderr}`.toLowerCase();
  for (const form of secretForms(...secrets)) expect(printed).not.toContain(form.toLowerCase());
  return result;
}

describe("messages about vendor files say what is wrong, in the file's own terms", () => {
  it("a PSKC file encrypted to a certificate is named so, with what to ask the vendor for", async () => {
    // RFC 6030 §6.3, Figure 8: the certificate in EncryptionKey, each value RSA-encrypted to it.
    const rsa = `<EncryptedValue><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa_1_5"/><xenc:CipherData><xenc:CipherValue>${fresh(128).toString("base64")}</xenc:CipherValue></xenc:CipherData></EncryptedValue>`;
    const text = writePskc([key("1")], { kind: "plain" })
      .replace(/<PlainValue>[^<]*<\/PlainValue>/u, rsa)
      .replace(
        /<KeyPackage>/u,
        `<EncryptionKey><ds:X509Data><ds:X509Certificate>${fresh(64).toString("base64")}</ds:X509Certificate></ds:X509Data></EncryptionKey>\n  <KeyPackage>`,
      );
    const { code, stderr } = await validate(privateFile(text, "rsa.xml"));
    expect(code).toBe(2);
    expect(stderr).toMatch(/encrypted to a certificate/u);
    expect(stderr).not.toMatch(/--psk/u);
    expect(stderr).toMatch(/ask the vendor/iu);
  });

  it("gives a HOTP or OCRA key one reason, in PSKC terms", async () => {
    const text = writePskc(
      [
        { serial: "10", secret: fresh(), algorithm: "hotp", digits: 8 },
        { serial: "11", secret: fresh(), algorithm: "ocra", suite: "OCRA-1:HOTP-SHA1-6:QN08" },
        key("12"),
      ],
      { kind: "plain" },
    );
    const { code, stdout } = await validate(privateFile(text, "mixed.xml"), "--json");
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as { issues: { line: number; code: string }[] };
    const byLine = new Map<number, string[]>();
    for (const i of doc.issues) byLine.set(i.line, [...(byLine.get(i.line) ?? []), i.code]);
    expect([...byLine.values()]).toEqual([["pskc-not-totp"], ["pskc-not-totp"]]);
    expect(stdout).not.toMatch(/interval column|--interval|OCRA-1/u);
    expect(stdout).toMatch(/OCRA \(challenge-response\)/u);
  });

  it("says a PSKC file's seeds are Base64, not Base32", async () => {
    const { code, stdout } = await validate(
      privateFile(writePskc([key("20")], { kind: "plain" }), "plain.xml"),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/pskc, seeds read from Base64/u);
    expect(stdout).not.toMatch(/Base32/u);
  });

  it("refuses a DOCTYPE on purpose, and says so", async () => {
    const text = writePskc([key("30")], { kind: "plain" }).replace(
      "?>\n",
      '?>\n<!DOCTYPE KeyContainer [<!ENTITY serial "30">]>\n',
    );
    const { code, stderr } = await validate(privateFile(text, "doctype.xml"));
    expect(code).toBe(2);
    expect(stderr).toMatch(/DOCTYPE/u);
    expect(stderr).toMatch(/on purpose/u);
    expect(stderr).not.toMatch(/not well-formed/u);
  });

  it("reads UTF-16 without a BOM, little- and big-endian", async () => {
    const csv = `serial number,secret key,time interval,manufacturer,model\r\n40,${new Seed(fresh()).toBase32()},30,Token2,C202\r\n`;
    const le = Buffer.from(csv, "utf16le");
    const be = Buffer.from(le).swap16();
    for (const bytes of [le, be]) {
      const { code, stdout } = await validate(privateFile(bytes, "utf16.csv"));
      expect(code).toBe(0);
      expect(stdout).toMatch(/1 row, 1 valid/u);
    }
  });

  it("with --json, an exit-2 error is one JSON document on stdout", async () => {
    const missing = await validate("no-such-file.csv", "--json");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: {
        code: "input-file",
        message: expect.stringContaining("cannot be read") as unknown,
        hint: expect.any(String) as unknown,
      },
    });
    const usage = await validate("a.csv", "--json", "--interval", "45");
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { code: "usage" } });
  });
});
