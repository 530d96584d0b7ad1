import {
  createDecipheriv,
  createHmac,
  pbkdf2Sync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

/**
The cryptography of RFC 6030 §6.1/§6.2 on Buffers: AES-128-CBC with the IV in front of the
ciphertext, HMAC over IV‖ciphertext, PBKDF2 key derivation. Nothing here turns bytes into text.
*/

export const aes128CbcUri = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
export const pbkdf2Uri = "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2";

const dsig = "http://www.w3.org/2000/09/xmldsig#";
const dsigMore = "http://www.w3.org/2001/04/xmldsig-more#";

/** HMAC algorithm URIs (for `MACMethod` and the PBKDF2 `PRF`) → node:crypto hash names. */
const hmacHashes: Readonly<Record<string, string>> = {
  [`${dsig}hmac-sha1`]: "sha1",
  // Not a registered name, but LinOTP, privacyIDEA and python-pskc files use it for HMAC-SHA1.
  [`${dsigMore}hmac-sha1`]: "sha1",
  [`${dsigMore}hmac-sha224`]: "sha224",
  [`${dsigMore}hmac-sha256`]: "sha256",
  [`${dsigMore}hmac-sha384`]: "sha384",
  [`${dsigMore}hmac-sha512`]: "sha512",
};

export const hmacSha1Uri = `${dsig}hmac-sha1`;

/** The node:crypto hash for an HMAC algorithm URI, or undefined when oathkit does not know it. */
export function hmacHash(uri: string): string | undefined {
  return Object.hasOwn(hmacHashes, uri) ? hmacHashes[uri] : undefined;
}

const aesBlock = 16;

/** Decrypt base64-decoded `IV ‖ ciphertext`; undefined when the length or the padding is wrong. */
export function decryptAes128Cbc(key: Buffer, ivAndCiphertext: Buffer): Buffer | undefined {
  const length = ivAndCiphertext.length;
  if (key.length !== 16 || length < 2 * aesBlock || length % aesBlock !== 0) return undefined;
  const decipher = createDecipheriv("aes-128-cbc", key, ivAndCiphertext.subarray(0, aesBlock));
  const head = decipher.update(ivAndCiphertext.subarray(aesBlock));
  try {
    return Buffer.concat([head, decipher.final()]);
  } catch {
    return undefined; // bad PKCS#7 padding: wrong key, or altered bytes
  } finally {
    head.fill(0);
  }
}

/**
Decrypt the `MACKey` without revealing whether its padding is right. Nothing authenticates the
MAC key itself, so a "does not decrypt" answer would be a padding oracle: whoever can alter the
file and watch the outcome could learn the plaintext a byte at a time. A bad padding therefore
yields a random key of the usual size, which then fails every ValueMAC exactly as a wrong key
whose padding happened to be valid does (readPskc turns "no MAC matched" into one fatal error).
Undefined only for a length that is not whole blocks (public, not an oracle).
*/
export function decryptMacKey(key: Buffer, ivAndCiphertext: Buffer): Buffer | undefined {
  const length = ivAndCiphertext.length;
  if (key.length !== 16 || length < 2 * aesBlock || length % aesBlock !== 0) return undefined;
  const decipher = createDecipheriv("aes-128-cbc", key, ivAndCiphertext.subarray(0, aesBlock));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([
    decipher.update(ivAndCiphertext.subarray(aesBlock)),
    decipher.final(),
  ]);
  const pad = plain[plain.length - 1]!;
  let bad = pad === 0 || pad > aesBlock ? 1 : 0;
  for (let i = 1; i <= aesBlock; i += 1) {
    // Every padding byte is compared, whatever the first mismatch, and both outcomes draw bytes.
    if (i <= pad && plain[plain.length - i] !== pad) bad = 1;
  }
  const substitute = randomBytes(20);
  if (bad === 1) {
    plain.fill(0);
    return substitute;
  }
  const macKey = Buffer.from(plain.subarray(0, plain.length - pad));
  plain.fill(0);
  return macKey;
}

/** HMAC(key, data) compared with `expected` in constant time. */
export function macMatches(hash: string, key: Buffer, data: Buffer, expected: Buffer): boolean {
  const actual = createHmac(hash, key).update(data).digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function pbkdf2(
  password: string,
  salt: Buffer,
  iterations: number,
  keyLength: number,
  hash: string,
): Buffer {
  return pbkdf2Sync(password, salt, iterations, keyLength, hash);
}

/** Strict Base64 (whitespace allowed between characters, as XML wraps long values). */
export function decodeBase64(text: string | undefined): Buffer | undefined {
  if (text === undefined) return undefined;
  const compact = text.replace(/\s+/gu, "");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/u.test(compact)) return undefined;
  return Buffer.from(compact, "base64");
}
