/** Thrown by the XML reader with the position of the first error; never carries file content. */
export class XmlSyntaxError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(line: number, column: number) {
    super(`not well-formed XML at line ${line}, column ${column}`);
    this.line = line;
    this.column = column;
  }
}

// XML 1.0 (fifth edition) §2.3 Name; prefixes are not resolved, so a colon is a name character.
const nameStart =
  ":A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D" +
  "\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}";
const nameRest = `${nameStart}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
export const namePattern = `[${nameStart}][${nameRest}]*`;
// The ranges hold combining marks and joiners on purpose: the XML Name production lists them.
// eslint-disable-next-line no-misleading-character-class
const name = new RegExp(namePattern, "yu");

/** Where the name starting at `i` ends (`i` when there is none). */
export function nameAt(s: string, i: number): number {
  name.lastIndex = i;
  return name.test(s) ? name.lastIndex : i;
}

/** An entity or character reference is at most this long (`&#x10FFFF;` is 10). */
export const maxEntity = 12;
const entity = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const predefined: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** XML 1.0 §2.2 Char. */
const isChar = (c: number): boolean =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

/**
The predefined entity or character reference at `i` (a `&`) and where it ends; undefined when
there is none (any other entity is undefined: no DTD is read, so nothing is expanded).
*/
export function entityAt(s: string, i: number): { text: string; end: number } | undefined {
  entity.lastIndex = i;
  const m = entity.exec(s);
  if (m === null) return undefined;
  if (m[1] !== undefined) return { text: predefined[m[1]]!, end: entity.lastIndex };
  const code = m[2] !== undefined ? Number.parseInt(m[2], 10) : Number.parseInt(m[3]!, 16);
  return isChar(code) ? { text: String.fromCodePoint(code), end: entity.lastIndex } : undefined;
}

/** Replace every reference in an attribute value; `fail` for a bare `&`. */
export function decodeEntities(value: string, fail: () => never): string {
  let out = "";
  let from = 0;
  for (let at = value.indexOf("&"); at >= 0; at = value.indexOf("&", from)) {
    const found = entityAt(value, at) ?? fail();
    out += value.slice(from, at) + found.text;
    from = found.end;
  }
  return out + value.slice(from);
}
