/**
Text from outside — a file's cells and name, a server's message, a user's display name — made safe
to print on a terminal. Control characters (C0, DEL, C1: ESC starts the sequences that move the
cursor, recolour, retitle the window or rewrite the screen), line breaks (a value must not forge
an output line) and the Unicode controls that reorder or hide text (bidi overrides, zero-width
marks) are shown as visible escapes: ESC becomes `\x1B`, U+202E becomes `\u202E`.

Every presenter passes outside text through `printable` (plain lines, tables, errors),
`printableDeep` (events on their way to a screen) or `printableJson` (documents, NDJSON lines).
*/
const c0 = "\\u0000-\\u001f";
/** DEL, C1, soft hyphen, Arabic letter mark, zero-width and bidi controls, line/paragraph separators, BOM. */
const others = "\\u007f-\\u009f\\u00ad\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff";
const unsafe = new RegExp(`[${c0}${others}]`, "gu");
const anyUnsafe = new RegExp(`[${c0}${others}]`, "u");
/** Less C0: JSON.stringify escapes those inside strings, and its line breaks are layout. */
const unsafeInJson = new RegExp(`[${others}]`, "gu");
const anyUnsafeInJson = new RegExp(`[${others}]`, "u");

export function printable(text: string): string {
  if (!anyUnsafe.test(text)) return text;
  return text.replace(unsafe, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

/** Every string inside a JSON-like value (an event on its way to a screen), at any depth. */
export function printableDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}

/**
JSON text (from JSON.stringify, which escapes C0 only) with the other unsafe characters written as
`\uXXXX` escapes: lossless — a parser reads the same strings — and safe on a terminal.
*/
export function printableJson(json: string): string {
  if (!anyUnsafeInJson.test(json)) return json;
  return json.replace(unsafeInJson, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
