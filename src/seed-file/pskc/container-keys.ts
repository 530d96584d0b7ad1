import { InputFileError } from "../../errors.js";
import { quoteValue, type ValueShape } from "../../issues/quote-value.js";
import {
  aes128CbcUri,
  decodeBase64,
  decryptMacKey,
  hmacHash,
  hmacSha1Uri,
  pbkdf2,
  pbkdf2Uri,
} from "./pskc-crypto.js";
import type { PskcKeys } from "./read-pskc.js";
import { child, path, textAt, type XmlElement } from "./xml-tree.js";

/** The keys a container's encrypted values are opened with. Wipe both when done. */
export type ContainerKeys = {
  /** The AES-128 key of every `EncryptedValue`; undefined for a plain file. */
  encryption: Buffer | undefined;
  /** The declared `MACMethod`: hash and MAC key; undefined when the file declares none. */
  mac: { hash: string; key: Buffer } | undefined;
  /** ValueMACs checked so far: when some were and none matched, the key is wrong (fatal). */
  macChecks: { passed: number; failed: number };
};

/** PBKDF2 work above this is refused rather than left to hang the run (python-pskc writes 100,000). */
const maxIterations = 10_000_000;

const askVendor = "Ask the vendor for an RFC 6030 file encrypted with AES-128-CBC.";

/**
Work out the encryption key and the MAC key of an encrypted container (RFC 6030 §6.1, §6.2).
A MAC key that does not decrypt means the key or password is wrong, which is fatal: nothing in
the file could be read. Throws `InputFileError`; the messages never hold key material.
*/
export function openContainerKeys(
  container: XmlElement | undefined,
  encrypted: boolean,
  keys: PskcKeys,
): ContainerKeys {
  const macChecks = { passed: 0, failed: 0 };
  if (!encrypted) return { encryption: undefined, mac: undefined, macChecks };
  const encryption = encryptionKey(container, keys);
  try {
    return { encryption, mac: macKey(child(container, "MACMethod"), encryption), macChecks };
  } catch (error) {
    encryption.fill(0);
    throw error;
  }
}

function encryptionKey(container: XmlElement | undefined, keys: PskcKeys): Buffer {
  if (path(container, "EncryptionKey", "X509Data") !== undefined) {
    // RFC 6030 §6.3 (Figure 8): values encrypted to the receiver's certificate (RSA).
    throw new InputFileError(
      "This PSKC file is encrypted to a certificate (RSA, RFC 6030 section 6.3), which oathkit does not read.",
      {
        hint: "Ask the vendor for the same tokens encrypted with a pre-shared AES-128 key or a password (RFC 6030 sections 6.1 and 6.2).",
        code: "pskc-certificate",
      },
    );
  }
  const derived = path(container, "EncryptionKey", "DerivedKey");
  if (derived !== undefined && keys.password !== undefined)
    return deriveKey(derived, keys.password);
  // A PSK also opens a password file: it is then the derived key itself.
  if (keys.pskHex !== undefined) return Buffer.from(keys.pskHex, "hex");
  if (keys.password !== undefined) {
    throw new InputFileError("This PSKC file is encrypted with a pre-shared key, not a password.", {
      hint: "Pass the key with --psk-env VAR or --psk-file PATH (32 hex characters).",
    });
  }
  throw new InputFileError(
    "This PSKC file is encrypted; pass --psk-env, --psk-file or --password-env.",
    {
      hint:
        derived === undefined
          ? "The file expects a pre-shared AES-128 key (32 hex characters): name the environment variable holding it with --psk-env, or a private file with --psk-file."
          : "The file expects a password: put it in an environment variable and name that variable with --password-env.",
    },
  );
}

function deriveKey(derived: XmlElement, password: string): Buffer {
  const method = child(derived, "KeyDerivationMethod");
  const algorithm = method?.attrs["Algorithm"]?.trim();
  if (algorithm !== pbkdf2Uri) {
    throw unsupported(`the key derivation ${quote(algorithm)}`);
  }
  const params = child(method, "PBKDF2-params");
  const salt = decodeBase64(textAt(params, "Salt", "Specified"));
  const iterations = Number(textAt(params, "IterationCount"));
  const keyLength = Number(textAt(params, "KeyLength") ?? 16);
  const prf = path(params, "PRF")?.attrs["Algorithm"]?.trim() || hmacSha1Uri;
  const hash = hmacHash(prf);
  if (salt === undefined || !Number.isSafeInteger(iterations) || iterations < 1) {
    throw new InputFileError(
      "This PSKC file's PBKDF2 parameters lack a valid Salt or IterationCount.",
      {
        hint: askVendor,
      },
    );
  }
  if (iterations > maxIterations) {
    throw new InputFileError(
      `This PSKC file asks for ${iterations} PBKDF2 iterations; oathkit allows at most ${maxIterations}.`,
      { hint: askVendor },
    );
  }
  if (keyLength !== 16) throw unsupported(`a derived key of ${keyLength} bytes (AES-128 needs 16)`);
  if (hash === undefined) throw unsupported(`the PBKDF2 PRF ${quote(prf)}`);
  return pbkdf2(password, salt, iterations, keyLength, hash);
}

function macKey(method: XmlElement | undefined, encryption: Buffer): ContainerKeys["mac"] {
  if (method === undefined) return undefined;
  const algorithm = method.attrs["Algorithm"]?.trim();
  const hash = algorithm === undefined ? undefined : hmacHash(algorithm);
  if (hash === undefined) throw unsupported(`the MAC algorithm ${quote(algorithm)}`);
  const element = child(method, "MACKey");
  // Older drafts have no MACKey: the encryption key is then the MAC key.
  if (element === undefined) return { hash, key: Buffer.from(encryption) };
  const cipher = child(element, "EncryptionMethod")?.attrs["Algorithm"]?.trim() ?? aes128CbcUri;
  if (cipher !== aes128CbcUri) throw unsupported(`the MAC key cipher ${quote(cipher)}`);
  const value = decodeBase64(textAt(element, "CipherData", "CipherValue"));
  const key = value === undefined ? undefined : decryptMacKey(encryption, value);
  if (key === undefined) {
    throw new InputFileError("This PSKC file's MACKey has no valid CipherValue.", {
      hint: askVendor,
    });
  }
  return { hash, key };
}

function unsupported(what: string): InputFileError {
  return new InputFileError(`This PSKC file uses ${what}, which oathkit does not read.`, {
    hint: askVendor,
  });
}

/**
An identifier from the file (an algorithm URI, a hash name), quoted only when it has the shape of
one: a vendor field may hold key material (a Base64 seed in `Suite`), which is never printed.
*/
export function quote(
  text: string | undefined,
  shape: ValueShape | readonly ValueShape[] = "uri",
): string {
  if (text === undefined || text === "") return "(none given)";
  return quoteValue(text, shape);
}
