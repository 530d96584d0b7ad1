import { entityAt, maxEntity, nameAt, XmlSyntaxError } from "./xml-syntax.js";
import {
  badChars,
  bodyEnd,
  cdata,
  comment,
  endTag,
  fastAttributes,
  fastStartEnd,
  pi,
  same,
  startTag,
  tagCutShort,
  type Attributes,
  type Body,
  fastNameEnd,
  NameTable,
  type XmlEvents,
} from "./xml-tags.js";

// The XML that PSKC files use, by sticky expressions: elements, attributes, text, CDATA, comments,
// PIs, the five predefined entities, character references. Nothing else (no DOCTYPE) is read.
const textRun = new RegExp(`[^<&\\]\\r${badChars}]+`, "y"); // no pairs either: see #token
const maxTag = 1 << 20; // a start tag longer than 1 MiB is refused: PSKC tags are short

/**
Scans XML text given in pieces that may split anywhere. A token cut by the end of a piece is
held until the piece that completes it (`#need`: what must arrive first, so a long comment costs
one join, not one per piece). Positions: `#base` is the file offset of the buffer's start.
*/
export class XmlScanner {
  readonly #on: XmlEvents;
  readonly #open: string[] = [];
  readonly #names = new NameTable();
  #held: string[] = [];
  #heldLength = 0;
  #tail = ""; // the last characters held, to find `#need` across pieces
  #need = "";
  #base = 0;
  #line = 1;
  #lineStart = 0; // file offset where the current line starts
  #atStart = true; // only blanks so far: an XML declaration may come
  #s = "";
  #nl = 0; // next "\n" / "\r" in #s at or after the scan position (#s.length: none)
  #cr = 0;

  readonly #failAt = (i: number): never => this.#fail(i);

  constructor(on: XmlEvents) {
    this.#on = on;
  }

  write(chunk: string): void {
    if (this.#held.length === 0) return this.#scan(chunk, false);
    this.#held.push(chunk);
    this.#heldLength += chunk.length;
    const need = this.#need;
    const seen = this.#tail + chunk;
    this.#tail = seen.slice(seen.length - need.length + 1);
    if (need !== "" && !seen.includes(need)) {
      if (need === ">" && this.#heldLength > maxTag) this.#fail(0, true);
      return;
    }
    const text = this.#held.join("");
    this.#held = [];
    this.#scan(text, false);
  }

  /** The end of the text: anything unfinished or unclosed is an error at the end position. */
  end(): void {
    const rest = this.#held.join("");
    this.#held = [];
    this.#scan(rest, true);
    if (this.#open.length > 0) this.#fail(0);
  }

  #scan(s: string, final: boolean): void {
    this.#s = s;
    this.#nl = s.indexOf("\n");
    this.#cr = s.indexOf("\r");
    if (this.#nl < 0) this.#nl = s.length;
    if (this.#cr < 0) this.#cr = s.length;
    const n = s.length;
    for (let i = 0; i < n;) {
      const next = this.#token(s, i, final);
      if (next < 0) {
        if (final) this.#fail(n);
        this.#advance(i);
        this.#held = [s.slice(i)];
        this.#heldLength = n - i;
        this.#tail = s.slice(Math.max(i, n - this.#need.length + 1));
        this.#base += i;
        this.#s = "";
        return;
      }
      i = next;
    }
    this.#advance(n);
    this.#base += n;
    this.#s = "";
  }

  /** The token at `i`, handed on: where it ends, or -1 when `s` ends inside it. */
  #token(s: string, i: number, final: boolean): number {
    this.#need = "";
    const c = s.charCodeAt(i);
    if (c === 60 /* < */) {
      const end = this.#markup(s, i, final);
      if (end > 0) this.#atStart = false;
      return end;
    }
    if (c === 38 /* & */) {
      const found = entityAt(s, i);
      if (found !== undefined) this.#text(found.text, i);
      else if (s.length - i >= maxEntity || !/^&#?[0-9A-Za-z]*$/u.test(s.slice(i))) this.#fail(i); // else cut short: held, or an error at the end of the text
      return found?.end ?? -1;
    }
    textRun.lastIndex = i;
    if (textRun.test(s)) {
      this.#text(s.slice(i, textRun.lastIndex), i);
      return textRun.lastIndex;
    }
    const more = !final && i + 1 === s.length;
    if (c === 13 /* \r */) {
      if (more) return -1;
      if (s.charCodeAt(i + 1) !== 10) this.#text("\n", i); // CR LF: the LF comes as text
      return i + 1;
    }
    if (c === 93 /* ] */) {
      if (s.startsWith("]]>", i)) this.#fail(i + 2);
      if (!final && s.length - i < 3 && "]]>".startsWith(s.slice(i))) return -1;
      this.#text("]", i);
      return i + 1;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      if (more) return -1; // half a surrogate pair
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        this.#text(s.slice(i, i + 2), i);
        return i + 2;
      }
    }
    return this.#fail(i);
  }

  #markup(s: string, i: number, final: boolean): number {
    const c = s.charCodeAt(i + 1);
    if (c === 33 /* ! */) {
      if (s.startsWith("<!--", i)) return this.#body(s, i + 4, comment);
      if (s.startsWith("<![CDATA[", i)) {
        const end = this.#body(s, i + 9, cdata);
        if (end > 0) this.#text(s.slice(i + 9, end - 3).replace(/\r\n?/gu, "\n"), i);
        return end;
      }
      const rest = s.slice(i, i + 9);
      if (!final && rest.length < 9 && ("<![CDATA[".startsWith(rest) || "<!--".startsWith(rest)))
        return -1;
      return this.#fail(i + 1); // a DOCTYPE too: refused on purpose, see file-checks.ts
    }
    if (c === 63 /* ? */) {
      const name = nameAt(s, i + 2);
      if (name === i + 2) return !final && i + 2 >= s.length ? -1 : this.#fail(i + 2);
      const end = this.#body(s, name, pi);
      if (end > 0 && s.slice(i + 2, name) === "xml" && !this.#atStart) this.#fail(i + 2);
      if (end > 0 && name < end - 2 && !/[ \t\n\r]/u.test(s.charAt(name))) this.#fail(name);
      return end;
    }
    if (c === 47 /* / */) {
      const name = this.#open.at(-1);
      const end = name === undefined ? 0 : i + 2 + name.length;
      if (name !== undefined && s.charCodeAt(end) === 62 && same(s, i + 2, name)) {
        this.#open.pop();
        this.#on.close();
        return end + 1;
      }
    } else {
      const end = fastStartEnd(s, i);
      if (end > 0) {
        const nameEnd = fastNameEnd(s, i + 1);
        const attrs = fastAttributes(s, nameEnd, end, this.#failAt);
        const empty = s.charCodeAt(end - 2) === 47; // values are quoted: a `/` there ends the tag
        return this.#opened(i, this.#names.get(s, i + 1, nameEnd), attrs, empty, end);
      }
    }
    if (tagCutShort(s, i)) {
      this.#need = ">";
      return -1;
    }
    if (c !== 47) {
      const tag = startTag(s, i, this.#failAt);
      return this.#opened(i, tag.name, tag.attrs, tag.empty, tag.end);
    }
    const { name, end } = endTag(s, i, this.#failAt);
    if (this.#open.at(-1) !== name) this.#fail(end - 1);
    this.#open.pop();
    this.#on.close();
    return end;
  }

  #opened(i: number, name: string, attrs: Attributes, empty: boolean, end: number): number {
    this.#advance(i);
    this.#on.open(name, attrs, this.#line, empty);
    if (!empty) this.#open.push(name);
    return end;
  }

  #body(s: string, from: number, body: Body): number {
    const end = bodyEnd(s, from, body, this.#failAt);
    if (end < 0) this.#need = body.close;
    return end;
  }

  #text(text: string, i: number): void {
    if (this.#atStart && text.trim() !== "") this.#atStart = false;
    this.#advance(i);
    this.#on.text(text, this.#line, this.#base + i - this.#lineStart + 1);
  }

  /** Count the line breaks (LF, CR LF, lone CR) before `to`. */
  #advance(to: number): void {
    const s = this.#s;
    while (this.#nl < to || this.#cr < to) {
      if (this.#nl < this.#cr) {
        this.#lineStart = this.#base + this.#nl + 1;
        this.#nl = s.indexOf("\n", this.#nl + 1);
        if (this.#nl < 0) this.#nl = s.length;
        this.#line += 1;
      } else {
        if (s.charCodeAt(this.#cr + 1) !== 10) {
          this.#lineStart = this.#base + this.#cr + 1;
          this.#line += 1;
        }
        this.#cr = s.indexOf("\r", this.#cr + 1);
        if (this.#cr < 0) this.#cr = s.length;
      }
    }
  }

  /**
  Throw with the line and 1-based column of the character at `i` of the buffer; past the
  buffer's end (or `atChar` false), the column is the count of characters on the last line.
  */
  #fail(i: number, atChar = i < this.#s.length): never {
    this.#advance(Math.min(i, this.#s.length));
    const column = this.#base + i - this.#lineStart + (atChar ? 1 : 0);
    throw new XmlSyntaxError(this.#line, column);
  }
}
