import { Seed } from "../secrets/seed.js";

export const seedEncodings = ["base32", "hex"] as const;
export type SeedEncoding = (typeof seedEncodings)[number];

/** What one seed's text could be, from its characters alone (bit flags, kept per row). */
export const fitsBase32 = 1;
export const fitsHex = 2;

/**
For each Latin-1 code: `fitsBase32` if Base32 has the character, `fitsHex` if hex has it. The
seed column's KeyColumn ANDs these over a seed's characters while it hashes them, so a seed's
text is read once (reading it twice cost about 10 ms a 100,000 rows).
*/
export const seedCharClasses = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567")
  seedCharClasses[c.charCodeAt(0)]! |= fitsBase32;
for (const c of "0123456789abcdefABCDEF") seedCharClasses[c.charCodeAt(0)]! |= fitsHex;

/** Remove spaces, dashes and trailing `=` (docs/seed-files.md). */
export function normaliseSeedText(text: string): string {
  return /[\s=-]/u.test(text) ? text.replace(/[\s-]+/gu, "").replace(/=+$/u, "") : text;
}

/**
Which encodings a normalised seed allows (`fitsBase32 | fitsHex` bits), from its length and the
AND of `seedCharClasses` over its characters: hex also needs an even length.
*/
export function seedClass(length: number, charClasses: number): number {
  return charClasses & (length % 2 === 0 ? fitsBase32 | fitsHex : fitsBase32);
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
The per-file encoding (docs/seed-files.md), from how many seeds fit each: Base32 when every seed
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
