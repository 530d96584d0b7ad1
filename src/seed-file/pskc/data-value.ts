import { Seed } from "../../secrets/seed.js";
import type { IssueCode } from "../../issues/issue-codes.js";
import { quote, type ContainerKeys } from "./container-keys.js";
import { aes128CbcUri, decodeBase64, decryptAes128Cbc, macMatches } from "./pskc-crypto.js";
import { child, path, textAt, type XmlElement } from "./xml-tree.js";

/** Why a data value could not be read. */
export type Problem = { code: IssueCode; message: string };

/** A value read from a PSKC data element: the value, a problem, or neither when absent. */
export type Read<T> = { value?: T; problem?: Problem };

/**
Read `<Secret>`: a Base64 `PlainValue`, or an `EncryptedValue` whose `ValueMAC` is checked before
it is decrypted. The bytes become a `Seed` at once and the buffers are zeroed.
*/
export function readSecret(element: XmlElement | undefined, keys: ContainerKeys): Read<Seed> {
  const bytes = readBytes(element, keys, "the secret");
  if (bytes.value === undefined) return { problem: bytes.problem };
  const seed = new Seed(bytes.value);
  bytes.value.fill(0);
  return { value: seed };
}

/**
Read an integer element (`Time`, `TimeInterval`): a decimal `PlainValue`, or an `EncryptedValue`
holding either ASCII digits or a big-endian number (both are met; python-pskc reads both).
*/
export function readInteger(
  element: XmlElement | undefined,
  keys: ContainerKeys,
  label: string,
): Read<number> {
  const plain = textAt(element, "PlainValue");
  if (plain !== undefined) {
    return /^[+-]?\d{1,15}$/u.test(plain)
      ? { value: Number(plain) }
      : { problem: invalid(`${label} is not a whole number`) };
  }
  const bytes = readBytes(element, keys, label);
  if (bytes.value === undefined) return { problem: bytes.problem };
  const digits = bytes.value.toString("latin1");
  if (/^\d{1,15}$/u.test(digits)) return { value: Number(digits) };
  if (bytes.value.length > 6) return { problem: invalid(`${label} is too large`) };
  return { value: bytes.value.reduce((n, byte) => n * 256 + byte, 0) };
}

function readBytes(
  element: XmlElement | undefined,
  keys: ContainerKeys,
  label: string,
): Read<Buffer> {
  const plain = textAt(element, "PlainValue");
  if (plain !== undefined) {
    const bytes = decodeBase64(plain);
    return bytes === undefined
      ? { problem: invalid(`${label} is not valid Base64`) }
      : { value: bytes };
  }
  const encrypted = child(element, "EncryptedValue");
  if (encrypted === undefined || keys.encryption === undefined) return {};

  const cipher = path(encrypted, "EncryptionMethod")?.attrs["Algorithm"]?.trim() ?? aes128CbcUri;
  if (cipher !== aes128CbcUri) {
    return problem(
      "pskc-encryption-unsupported",
      `${label} is encrypted with ${quote(cipher)}; oathkit reads AES-128-CBC only`,
    );
  }
  const data = decodeBase64(textAt(encrypted, "CipherData", "CipherValue"));
  if (data === undefined)
    return problem("pskc-invalid-value", `${label} has no valid Base64 CipherValue`);

  const macText = textAt(element, "ValueMAC");
  // No MACMethod but a ValueMAC: older drafts, HMAC-SHA1 keyed with the encryption key.
  const mac =
    keys.mac ?? (macText === undefined ? undefined : { hash: "sha1", key: keys.encryption });
  if (mac !== undefined) {
    if (macText === undefined) {
      return problem(
        "pskc-mac-missing",
        `${label} has no ValueMAC although the file declares a MAC method, so it cannot be checked`,
      );
    }
    const expected = decodeBase64(macText);
    const matches = expected !== undefined && macMatches(mac.hash, mac.key, data, expected);
    keys.macChecks[matches ? "passed" : "failed"] += 1;
    if (!matches) {
      return problem(
        "pskc-mac-mismatch",
        `the MAC of ${label} does not match: the file was altered, or the key or password is wrong`,
      );
    }
  }
  const bytes = decryptAes128Cbc(keys.encryption, data);
  if (bytes === undefined) {
    return problem(
      "pskc-decrypt-failed",
      `${label} does not decrypt (wrong key or password, or altered bytes)`,
    );
  }
  return { value: bytes };
}

function invalid(message: string): Problem {
  return { code: "pskc-invalid-value", message };
}

function problem(code: IssueCode, message: string): Read<never> {
  return { problem: { code, message } };
}
