import { limits } from "./input-limits.js";

/**
Checks on every decoded chunk of a seed file, so nothing past the first 64 KB escapes them:
control characters anywhere (binary data, or ESC sequences that would reach a terminal), and — for
CSV — records longer than `limits.lineChars` (papaparse re-reads a record that spans chunks, so a
100 MB line took 40 s). Each returns the offset in the decoded text of what it found, or -1; the
caller turns that into a line number and an error.

The record check is cheap: a chunk without a quote costs two `lastIndexOf` calls; a quote toggles
the quoted state, and only line breaks outside quotes end a record (RFC 4180: `""` toggles twice).
*/

// eslint-disable-next-line no-control-regex -- control characters are what binary data looks like
const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** Offset of the first control character other than TAB, CR, LF in `text`, or -1. */
export function controlCharacterAt(text: string): number {
  return text.search(control);
}

export class RecordTracker {
  #inQuote = false;
  /** Offset in the whole decoded text where the current record starts. */
  #recordStart = 0;
  #seen = 0;
  readonly #quotes: boolean;

  /** `quotes`: CSV, where a quoted cell may hold line breaks. */
  constructor(quotes: boolean) {
    this.#quotes = quotes;
  }

  /** Feed the next chunk; returns the offset where an over-long record starts, or -1. */
  push(text: string): number {
    let start = this.#recordStart - this.#seen;
    let pos = 0;
    for (;;) {
      const quote = this.#quotes ? text.indexOf('"', pos) : -1;
      const end = quote < 0 ? text.length : quote;
      if (!this.#inQuote) {
        const lineEnd = lastLineBreak(text, pos, end);
        if (lineEnd >= 0) start = lineEnd + 1;
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

/** Index of the last CR or LF in text[from, to), or -1. */
function lastLineBreak(text: string, from: number, to: number): number {
  if (to <= from) return -1;
  const at = Math.max(text.lastIndexOf("\n", to - 1), text.lastIndexOf("\r", to - 1));
  return at >= from ? at : -1;
}
