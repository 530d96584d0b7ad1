import { Seed } from "../secrets/seed.js";

export const seedEncodings = ["base32", "hex"] as const;
export type SeedEncoding = (typeof seedEncodings)[number];

/** What one seed's text could be, from its characters alone (bit flags, kept per row). */
export const fitsBase32 = 1;
export const fitsHex = 2;

const base32Char = new Uint8Array(128);
const hexChar = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567")
  base32Char[c.charCodeAt(0)] = 1;
for (const c of "0123456789abcdefABCDEF") hexChar[c.charCodeAt(0)] = 1;

/** Remove spaces, dashes and trailing `=` (product.md §2.2). */
export function normaliseSeedText(text: string): string {
  return /[\s=-]/u.test(text) ? text.replace(/[\s-]+/gu, "").replace(/=+$/u, "") : text;
}

/** Which encodings the characters of a normalised seed allow: `fitsBase32 | fitsHex` bits. */
export function classifySeedText(text: string): number {
  let b32 = 1;
  let hex = text.length % 2 === 0 ? 1 : 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return 0;
    b32 &= base32Char[c]!;
    hex &= hexChar[c]!;
    if ((b32 | hex) === 0) return 0;
  }
  return (b32 ? fitsBase32 : 0) | (hex ? fitsHex : 0);
}

/** Decoded length in bytes of a normalised seed of `length` characters. */
export function decodedBytes(length: number, encoding: SeedEncoding): number {
  return encoding === "hex" ? length >> 1 : Math.floor((length * 5) / 8);
}

/** Unpadded Base32 cannot end with 1, 3 or 6 characters of a final 8-character block. */
export function isBase32Length(length: number): boolean {
  const rest = length % 8;
  return rest !== 1 && rest !== 3 && rest !== 6;
}

export function decodeSeed(text: string, encoding: SeedEncoding): Seed {
  return encoding === "hex" ? Seed.fromHex(text) : Seed.fromBase32(text);
}

/**
The per-file encoding (product.md §2.3), from how many seeds fit each: Base32 when every seed
fits it (also when every seed fits both: `ambiguous`); hex when every seed fits hex; otherwise the
majority, ties going to Base32 (the Entra rule).
*/
export function decideEncoding(counts: { seeds: number; base32: number; hex: number }): {
  encoding: SeedEncoding;
  ambiguous: boolean;
} {
  const { seeds, base32, hex } = counts;
  if (base32 === seeds) return { encoding: "base32", ambiguous: seeds > 0 && hex === seeds };
  if (hex === seeds) return { encoding: "hex", ambiguous: false };
  return { encoding: hex > base32 ? "hex" : "base32", ambiguous: false };
}
