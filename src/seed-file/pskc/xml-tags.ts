import { decodeEntities, nameAt, namePattern } from "./xml-syntax.js";

// Markup for xml-scanner.ts: start and end tags, attributes, and the bodies of comments, CDATA
// sections and processing instructions. `fail(i)` throws for the character at `i` of `s`.

/** What the scanner reports, in document order. */
export type XmlEvents = {
  /** A whole start tag; `empty` for `<x/>` (no `close` follows). `line` is that of its `<`. */
  open(name: string, attrs: [string, string][] | undefined, line: number, empty: boolean): void;
  /** The end tag of the innermost open element (its name was checked). */
  close(): void;
  /** Character data, CDATA or a reference, with the line and 1-based column it starts at. */
  text(text: string, line: number, column: number): void;
};

export type Fail = (i: number) => never;
export type Attributes = [string, string][] | undefined;
export type StartTag = { name: string; attrs: Attributes; end: number; empty: boolean };

const bad = "\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF\\uD800-\\uDFFF";
export const badChars = bad;
const ws = "[ \\t\\n\\r]";
// The usual start tag (ASCII names, plain attribute values) in one test; else `startTag`.
const fastName = "[A-Za-z_][\\w.:-]*";
const fastStart = new RegExp(
  `<${fastName}(?:${ws}+${fastName}${ws}*=${ws}*(?:"[^<"&\\x00-\\x1F]*"|'[^<'&\\x00-\\x1F]*'))*${ws}*/?>`,
  "y",
);
const fastAttribute = /[ \t\n\r]+([^\s=]+)[ \t\n\r]*=[ \t\n\r]*(?:"([^"]*)"|'([^']*)')/y;
const attribute = new RegExp(
  `(${ws}+)(${namePattern})${ws}*=${ws}*(?:"([^<"${bad}]*)"|'([^<'${bad}]*)')`,
  "yu",
);
const space = /[ \t\n\r]*/y;
const tagEnd = /[ \t\n\r]*(\/?)>/y;
const closeEnd = /[ \t\n\r]*>/y;
const extent = /<[^<>"']*(?:(?:"[^<"]*"|'[^<']*')[^<>"']*)*(?:"[^<"]*|'[^<']*)?/y; // up to `>`

/** Where a start tag that `fastStart` matches at `i` ends; -1 when it does not match. */
export function fastStartEnd(s: string, i: number): number {
  fastStart.lastIndex = i;
  return fastStart.test(s) ? fastStart.lastIndex : -1;
}

/** The end of the (ASCII) name of a tag that `fastStart` matched. */
export function fastNameEnd(s: string, from: number): number {
  let at = from;
  for (let c = s.charCodeAt(at); c !== 62 && c !== 47 && c > 32; c = s.charCodeAt(at)) at += 1;
  return at;
}

/** Names as one string per spelling: names repeat, and a string keeps its hash for Map lookups. */
export class NameTable {
  readonly #names = new Map<number, string>();

  get(s: string, from: number, to: number): string {
    const key = ((to - from) * 65_536 + s.charCodeAt(from)) * 65_536 + s.charCodeAt(to - 1);
    const known = this.#names.get(key);
    if (known !== undefined && known.length === to - from && same(s, from, known)) return known;
    const name = s.slice(from, to);
    if (this.#names.size < 1024) this.#names.set(key, name);
    return name;
  }
}

/** The attributes of a tag that `fastStart` matched, from the end of its name. */
export function fastAttributes(s: string, nameEnd: number, end: number, fail: Fail): Attributes {
  if (end - nameEnd <= (s.charCodeAt(end - 2) === 47 ? 2 : 1)) return undefined; // `<a>`, `<a/>`
  let attrs: Attributes;
  fastAttribute.lastIndex = nameEnd;
  for (let m = fastAttribute.exec(s); m !== null; m = fastAttribute.exec(s)) {
    const key = m[1]!;
    attrs ??= [];
    if (attrs.some(([n]) => n === key)) fail(m.index + m[0].indexOf(key));
    attrs.push([key, m[2] ?? m[3]!]);
  }
  return attrs;
}

/** Whether the text ends inside the tag that starts at `i` (no `>` outside quotes yet). */
export function tagCutShort(s: string, i: number): boolean {
  extent.lastIndex = i;
  extent.test(s);
  return extent.lastIndex === s.length;
}

/** Any start tag: names by XML's Name production, values with references and blanks. */
export function startTag(s: string, i: number, fail: Fail): StartTag {
  const nameEnd = nameAt(s, i + 1);
  if (nameEnd === i + 1) fail(i + 1);
  let attrs: Attributes;
  let at = nameEnd;
  for (let m = exec(attribute, s, at); m !== null; m = exec(attribute, s, at)) {
    const name = m[2]!;
    const where = m.index + m[1]!.length;
    attrs ??= [];
    if (attrs.some(([n]) => n === name)) fail(where);
    const raw = m[3] ?? m[4]!;
    // Attribute-value normalisation (XML 1.0 §3.3.3): each blank (CR LF as one) is a space.
    const value = /[&\t\n\r]/u.test(raw)
      ? decodeEntities(raw.replace(/\r\n?|[\t\n]/gu, " "), () => fail(where))
      : raw;
    attrs.push([name, value]);
    at = attribute.lastIndex;
  }
  const end = exec(tagEnd, s, at);
  if (end === null) return attributeError(s, at, fail);
  return { name: s.slice(i + 1, nameEnd), attrs, end: tagEnd.lastIndex, empty: end[1] === "/" };
}

/** Where an attribute went wrong: its name, its `=`, or its value. */
function attributeError(s: string, at: number, fail: Fail): never {
  const p = skipSpace(s, at);
  const q = nameAt(s, p);
  if (q === p || p === at) fail(p);
  const r = skipSpace(s, q);
  return fail(s.charCodeAt(r) === 61 /* = */ ? skipSpace(s, r + 1) : r);
}

/** An end tag at `i`: its name and end. */
export function endTag(s: string, i: number, fail: Fail): { name: string; end: number } {
  const nameEnd = nameAt(s, i + 2);
  if (nameEnd === i + 2) fail(i + 2);
  closeEnd.lastIndex = nameEnd;
  if (!closeEnd.test(s)) fail(skipSpace(s, nameEnd));
  return { name: s.slice(i + 2, nameEnd), end: closeEnd.lastIndex };
}

export type Body = { readonly body: RegExp; readonly close: string };
export const comment: Body = { body: new RegExp(`(?:[^\\-${bad}]|-(?!-))*`, "yu"), close: "-->" };
export const cdata: Body = {
  body: new RegExp(`(?:[^\\]${bad}]|\\](?!\\]>))*`, "yu"),
  close: "]]>",
};
export const pi: Body = { body: new RegExp(`(?:[^?${bad}]|\\?(?!>))*`, "yu"), close: "?>" };

/** The end of a comment, CDATA section or PI whose body starts at `from`; -1: `s` ends first. */
export function bodyEnd(s: string, from: number, { body, close }: Body, fail: Fail): number {
  body.lastIndex = from;
  body.test(s);
  const at = body.lastIndex;
  if (s.startsWith(close, at)) return at + close.length;
  if (at + close.length > s.length && close.startsWith(s.slice(at))) return -1;
  return fail(s.startsWith("--", at) ? at + 2 : at); // `--` inside a comment
}

/** Whether `s` has `name` at `at` (faster than startsWith for the short names of tags). */
export function same(s: string, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k += 1) {
    if (s.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
  }
  return true;
}

function skipSpace(s: string, at: number): number {
  space.lastIndex = at;
  space.test(s);
  return space.lastIndex;
}

function exec(pattern: RegExp, s: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(s);
}
