import { limits } from "./input-limits.js";

/**
Checks on every decoded chunk of a seed file, so nothing past the first 64 KB escapes them:
control characters (binary data, or ESC sequences that would reach a terminal), and — for
CSV — records longer than `limits.lineChars` (papaparse re-reads a record that spans chunks, so a
100 MB line took 40 s). Each returns the offset in the decoded text of what it found, or -1; the
caller turns that into a line number and an error.

The record check is cheap: a chunk without a quote costs one `lastIndexOf` call; a quote toggles
the quoted state, and only line breaks outside quotes end a record (RFC 4180: `""` toggles twice).
*/

// eslint-disable-next-line no-control-regex -- control characters are what binary data looks like
const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** Offset of the first control character other than TAB, CR, LF in `text`, or -1. */
export function controlCharacterAt(text: string): number {
  return text.search(control);
}

/**
The characters that matter most, for every chunk after the first: NUL (binary data), and those
that start or steer terminal sequences (ESC, CSI, BEL, backspace, DEL). Six `indexOf` calls cost
about 1 ms a 100,000 rows; the regex above, for the whole set, about 10 ms (5% of validate), so it
runs on the first 64 KB only. Everything printed is neutralised anyway (src/printable.ts).
*/
const telling = ["\u0000", "\u001b", "\u009b", "\u0007", "\u0008", "\u007f"];

export function tellingControlAt(text: string): number {
  let first = -1;
  for (const c of telling) {
    const at = text.indexOf(c);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

export class RecordTracker {
  #inQuote = false;
  /** Offset in the whole decoded text where the current record starts. */
  #recordStart = 0;
  #seen = 0;
  readonly #quotes: boolean;
  readonly #lineEnd: string;

  /**
  `quotes`: CSV, where a quoted cell may hold line breaks. `lineEnd`: the file's line break as
  the head shows it, "\n" (LF and CRLF) or "\r" (CR only) — the one papaparse splits on.
  */
  constructor(quotes: boolean, lineEnd: "\n" | "\r") {
    this.#quotes = quotes;
    this.#lineEnd = lineEnd;
  }

  /** Feed the next chunk; returns the offset where an over-long record starts, or -1. */
  push(text: string): number {
    let start = this.#recordStart - this.#seen;
    let pos = 0;
    for (;;) {
      const quote = this.#quotes ? text.indexOf('"', pos) : -1;
      const end = quote < 0 ? text.length : quote;
      if (!this.#inQuote) {
        const lineEnd = end > pos ? text.lastIndexOf(this.#lineEnd, end - 1) : -1;
        if (lineEnd >= pos) start = lineEnd + 1;
      }
      if (quote < 0) break;
      this.#inQuote = !this.#inQuote;
      pos = quote + 1;
    }
    this.#recordStart = this.#seen + start;
    this.#seen += text.length;
    return this.#seen - this.#recordStart > limits.lineChars ? this.#recordStart : -1;
  }
}
