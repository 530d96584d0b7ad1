import { createCipheriv, createHash, createHmac, pbkdf2Sync } from "node:crypto";
import { Seed } from "../../src/secrets/seed.js";

/**
Writes PSKC (RFC 6030) containers the way a vendor would, with node:crypto: plain, pre-shared key
(AES-128-CBC) or PBKDF2 password, with a MAC key and a ValueMAC over IV‖ciphertext. Each
`<KeyPackage>` start tag is on a line of its own so tests can find its line.
*/
export type TestKey = {
  serial?: string;
  secret: Buffer;
  id?: string;
  /** "totp", "hotp" or a full algorithm URI. */
  algorithm?: string;
  digits?: number;
  encoding?: string;
  interval?: number;
  suite?: string;
  time?: number;
  manufacturer?: string;
  model?: string;
  friendlyName?: string;
  userId?: string;
};

export type Protection =
  | { kind: "plain" }
  | { kind: "psk"; key: Buffer; mac?: "mac-key" | "encryption-key" | "none" }
  | { kind: "pbkdf2"; password: string; salt: Buffer; iterations: number };

export type WriteOptions = {
  prefix?: string;
  /** Encrypt TimeInterval and Time as well (big-endian integers). */
  encryptIntegers?: boolean;
  /** Alter one key's encrypted secret after the MAC was computed. */
  tamper?: { index: number; what: "ciphertext" | "mac" | "drop-mac" };
};

const aes = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";

export function writePskc(
  keys: TestKey[],
  protection: Protection,
  options: WriteOptions = {},
): string {
  const p = options.prefix === undefined ? "" : `${options.prefix}:`;
  const xmlns = options.prefix === undefined ? "xmlns" : `xmlns:${options.prefix}`;
  const encryptionKey =
    protection.kind === "psk"
      ? protection.key
      : protection.kind === "pbkdf2"
        ? pbkdf2Sync(protection.password, protection.salt, protection.iterations, 16, "sha1")
        : undefined;
  const macMode = protection.kind === "psk" ? (protection.mac ?? "mac-key") : "mac-key";
  const random = counterBytes();
  const macKey = macMode === "encryption-key" ? encryptionKey : random(20);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<${p}KeyContainer Version="1.0" ${xmlns}="urn:ietf:params:xml:ns:keyprov:pskc"`,
    `    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"`,
    `    xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"`,
    `    xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#">`,
  ];
  if (protection.kind === "psk") {
    out.push(`  <${p}EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></${p}EncryptionKey>`);
  }
  if (protection.kind === "pbkdf2") {
    out.push(
      `  <${p}EncryptionKey><xenc11:DerivedKey>`,
      `    <xenc11:KeyDerivationMethod Algorithm="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2">`,
      `      <pkcs5:PBKDF2-params><Salt><Specified>${protection.salt.toString("base64")}</Specified></Salt>`,
      `        <IterationCount>${protection.iterations}</IterationCount><KeyLength>16</KeyLength></pkcs5:PBKDF2-params>`,
      `    </xenc11:KeyDerivationMethod>`,
      `  </xenc11:DerivedKey></${p}EncryptionKey>`,
    );
  }
  if (encryptionKey !== undefined && macMode !== "none") {
    out.push(`  <${p}MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">`);
    if (macMode === "mac-key") {
      out.push(
        `    <${p}MACKey><xenc:EncryptionMethod Algorithm="${aes}"/>`,
        `      <xenc:CipherData><xenc:CipherValue>${encrypt(encryptionKey, macKey!, random(16)).toString("base64")}</xenc:CipherValue></xenc:CipherData>`,
        `    </${p}MACKey>`,
      );
    }
    out.push(`  </${p}MACMethod>`);
  }

  const value = (plain: string, bytes: Buffer, tamper?: WriteOptions["tamper"]): string => {
    if (encryptionKey === undefined) return `<${p}PlainValue>${plain}</${p}PlainValue>`;
    const cipher = encrypt(encryptionKey, bytes, random(16));
    const mac = createHmac("sha1", macKey!).update(cipher).digest();
    if (tamper?.what === "ciphertext") cipher[cipher.length - 1]! ^= 1;
    if (tamper?.what === "mac") mac[0]! ^= 1;
    const macElement =
      macMode === "none" || tamper?.what === "drop-mac"
        ? ""
        : `<${p}ValueMAC>${mac.toString("base64")}</${p}ValueMAC>`;
    return (
      `<${p}EncryptedValue><xenc:EncryptionMethod Algorithm="${aes}"/>` +
      `<xenc:CipherData><xenc:CipherValue>${cipher.toString("base64")}</xenc:CipherValue></xenc:CipherData>` +
      `</${p}EncryptedValue>${macElement}`
    );
  };
  const integer = (n: number): string =>
    options.encryptIntegers === true || encryptionKey === undefined
      ? value(String(n), bigEndian(n))
      : `<${p}PlainValue>${n}</${p}PlainValue>`;

  keys.forEach((key, index) => {
    const tamper = options.tamper?.index === index ? options.tamper : undefined;
    const algorithm = key.algorithm ?? "totp";
    const device = [
      key.manufacturer === undefined
        ? ""
        : `<${p}Manufacturer>${key.manufacturer}</${p}Manufacturer>`,
      key.serial === undefined ? "" : `<${p}SerialNo>${key.serial}</${p}SerialNo>`,
      key.model === undefined ? "" : `<${p}Model>${key.model}</${p}Model>`,
      key.userId === undefined ? "" : `<${p}UserId>${key.userId}</${p}UserId>`,
    ].join("");
    out.push(
      `  <${p}KeyPackage>`,
      device === "" ? "" : `    <${p}DeviceInfo>${device}</${p}DeviceInfo>`,
      `    <${p}Key Id="${key.id ?? key.serial ?? index}" Algorithm="${algorithm.includes(":") ? algorithm : `urn:ietf:params:xml:ns:keyprov:pskc:${algorithm}`}">`,
      key.friendlyName === undefined
        ? ""
        : `      <${p}FriendlyName>${key.friendlyName}</${p}FriendlyName>`,
      `      <${p}AlgorithmParameters>`,
      key.suite === undefined ? "" : `        <${p}Suite>${key.suite}</${p}Suite>`,
      `        <${p}ResponseFormat Length="${key.digits ?? 6}" Encoding="${key.encoding ?? "DECIMAL"}"/>`,
      `      </${p}AlgorithmParameters>`,
      `      <${p}Data>`,
      `        <${p}Secret>${value(key.secret.toString("base64"), key.secret, tamper)}</${p}Secret>`,
      key.time === undefined ? "" : `        <${p}Time>${integer(key.time)}</${p}Time>`,
      key.interval === undefined
        ? ""
        : `        <${p}TimeInterval>${integer(key.interval)}</${p}TimeInterval>`,
      `      </${p}Data>`,
      `    </${p}Key>`,
      `  </${p}KeyPackage>`,
    );
  });
  out.push(`</${p}KeyContainer>`, "");
  return out.filter((line) => line !== "").join("\n") + "\n";
}

/** IV(16) ‖ AES-128-CBC(key, IV, PKCS#7(plaintext)). */
export function encrypt(key: Buffer, plaintext: Buffer, iv: Buffer): Buffer {
  const cipher = createCipheriv("aes-128-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final()]);
}

/**
Reproducible "random" bytes, so a wrong-key test always meets the same ciphertext (a wrong key
passes the padding check by chance for 1 ciphertext in about 256).
*/
export function testBytes(label: string, length: number): Buffer {
  return createHash("sha512").update(label).digest().subarray(0, length);
}

function counterBytes(): (length: number) => Buffer {
  let n = 0;
  return (length) => testBytes(`pskc-writer ${n++}`, length);
}

function bigEndian(n: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(n);
  return bytes;
}

/** 1-based lines whose text opens a KeyPackage element (any prefix). */
export function keyPackageLines(text: string): number[] {
  return text
    .split(/\r\n|\r|\n/u)
    .flatMap((line, index) => (/<(?:\w+:)?KeyPackage[\s>]/u.test(line) ? [index + 1] : []));
}

/** Every text form of these secrets an output must never hold: Base32, hex (both cases), Base64. */
export function secretForms(...secrets: (Buffer | string)[]): string[] {
  return secrets.flatMap((secret) =>
    typeof secret === "string"
      ? [secret, secret.toLowerCase(), secret.toUpperCase()]
      : [...new Seed(secret).textForms(), secret.toString("base64")],
  );
}
