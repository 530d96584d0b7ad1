import { inspect } from "node:util";
import { createHash } from "node:crypto";
import base32 from "hi-base32";

const redacted = "[seed redacted]";

/**
A token seed held as bytes. It never turns into text by accident: `String(seed)`, JSON and
`util.inspect` all print a placeholder. The only ways to the secret are `bytes()` (for TOTP) and
`toBase32()` (for the Graph request body). `wipe()` zeroes the buffer once the token is done.
*/
export class Seed {
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array | readonly number[]) {
    this.#bytes = Uint8Array.from(bytes);
  }

  /** RFC 4648 Base32, upper case, no padding: the form Entra takes. */
  static fromBase32(text: string): Seed {
    return new Seed(base32.decode.asBytes(text.toUpperCase()));
  }

  static fromHex(text: string): Seed {
    return new Seed(Buffer.from(text, "hex"));
  }

  get byteLength(): number {
    return this.#bytes.length;
  }

  get bits(): number {
    return this.#bytes.length * 8;
  }

  /** The live buffer; callers must not keep it. */
  bytes(): Uint8Array {
    return this.#bytes;
  }

  toBase32(): string {
    return base32.encode(this.#bytes).replace(/=+$/u, "");
  }

  /**
  Every text form this seed could take in output, for value-based scrubbing: Base32, hex, and
  Base64 (PSKC's encoding) with and without padding, and its URL-safe variant.
  */
  textForms(): string[] {
    const buffer = Buffer.from(this.#bytes);
    const hex = buffer.toString("hex");
    const b32 = this.toBase32();
    const b64 = buffer.toString("base64");
    const forms = [b32, b32.toLowerCase(), hex, hex.toUpperCase(), b64, b64.replace(/=+$/u, "")];
    const url = buffer.toString("base64url");
    if (url !== forms[5]) forms.push(url);
    return forms;
  }

  /** An in-memory identity for duplicate detection; never written anywhere. */
  fingerprint(): string {
    return createHash("sha256").update(this.#bytes).digest("base64");
  }

  equals(other: Seed): boolean {
    return Buffer.from(this.#bytes).equals(Buffer.from(other.#bytes));
  }

  wipe(): void {
    this.#bytes.fill(0);
  }

  toJSON(): string {
    return redacted;
  }

  toString(): string {
    return redacted;
  }

  [inspect.custom](): string {
    return `Seed(${redacted})`;
  }
}
