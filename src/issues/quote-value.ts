import { looksLikeSecret } from "../secrets/secret-like.js";

/**
Quoting a file's value in a message, only when it cannot hold key material. A cell may hold a seed
or a piece of one (a seed split by a stray delimiter lands in the next columns), so a value is
quoted only when it has the shape the field's good values have — a short number, a hash name, a
URI — and otherwise described by its length. Shapes are deliberately narrow: a misspelt value is
still named; a fragment of a seed, which has none of these shapes, never is.
*/
export type ValueShape = keyof typeof shapes;

const shapes = {
  /** Intervals, digits, counters: a short decimal number (at most 20 bits of anything). */
  number: /^[+-]?\d{1,5}(?:[.,]\d{1,2})?$/u,
  /** A spreadsheet's scientific notation of a serial: 6.02346E+07. */
  scientific: /^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$/iu,
  /** Hash names as vendors write them: sha512, HMAC-SHA-512, SHA3-256, md5. */
  hash: /^(?:hmac[\s_-]?)?(?:sha|md)[\s_-]?\d{0,3}(?:[\s_-]\d{1,3})?$/iu,
  /** A short code from a cell (a token type): at most 6 characters, so never much of a seed. */
  short: /^[A-Za-z0-9-]{1,6}$/u,
  /** Token types and encodings: TOTP, HOTP, oath-hotp, DECIMAL, event-based. */
  word: /^[A-Za-z][A-Za-z0-9]{0,11}(?:[\s_-][A-Za-z0-9]{1,11}){0,2}$/u,
  /** Header names: words, spaces and a little punctuation ("Serial No.", "Notes (internal)"). */
  header: /^[\p{L}\p{N}][\p{L}\p{N}\s.()#/'_-]{0,47}$/u,
  /** Algorithm identifiers of PSKC files: URNs, xmldsig/xmlenc URIs. */
  uri: /^(?:urn|https?):[\w.:/#-]{1,90}$/u,
} as const;

/** `"value"` when it has (one of) the shape(s), else `(N characters)` — never the characters. */
export function quoteValue(value: string, shape: ValueShape | readonly ValueShape[]): string {
  if (value === "") return '""';
  const allowed = typeof shape === "string" ? [shape] : shape;
  if (allowed.some((s) => shapes[s].test(value)) && piecesAreSafe(value))
    return JSON.stringify(value);
  return `(${value.length} characters)`;
}

/** A URI or header may still carry a seed in one of its parts (`urn:x:<Base32 seed>`). */
function piecesAreSafe(value: string): boolean {
  if (looksLikeSecret(value)) return false;
  return value.split(/[\s:/#.,()_-]+/u).every((piece) => !looksLikeSecret(piece));
}
