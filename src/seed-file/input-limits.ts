import { createReadStream } from "node:fs";
import { InputFileError } from "../errors.js";

/**
How much oathkit reads, and what a line may hold (docs/seed-files.md, "Limits"). Far above any
real delivery — a 10,000-token CSV is about 1 MB, a 10,000-token PSKC file about 15 MB — and low
enough that a wrong file (a disk image, /dev/zero, a 100 MB line) fails at once with a sentence
instead of taking minutes and gigabytes.
*/
export const limits = {
  /** A streamed CSV: about 2.5 million rows of a usual layout. */
  streamedFileBytes: 256 * 1024 * 1024,
  /** Files read whole — Feitian text, OATH CSV, JSON, DualShield XML, `remove --file`. PSKC is streamed. */
  wholeFileBytes: 64 * 1024 * 1024,
  /** One CSV record (a row, with the line breaks inside its quotes), or one text line. */
  lineChars: 65_536,
} as const;

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

/** `size` is what stat said, or -1 when the file grew past the limit while being read. */
export function tooLarge(path: string, size: number, limit: number, what: string): InputFileError {
  const shown = size > limit ? sizeText(size) : `more than ${sizeText(limit)}`;
  return new InputFileError(
    `${path} is ${shown}; oathkit reads ${what} of at most ${sizeText(limit)}.`,
    { hint: "Check that this is the right file; split a genuine seed file into smaller ones." },
  );
}

export function lineTooLong(path: string, line: number | undefined): InputFileError {
  const where = line === undefined ? "a record" : `the record starting on line ${line}`;
  return new InputFileError(
    `${path}: ${where} is longer than ${limits.lineChars.toLocaleString("en-US")} characters; a seed file's rows are a few hundred.`,
    {
      hint: "Is a quote never closed, or is this not a seed file? Check the file around that line.",
    },
  );
}

/**
The 1-based physical line holding the character at `offset` of the decoded text (CR, LF and
CRLF each end a line). Only called on the way to an error, so the file is simply read again.
*/
export async function lineAt(path: string, encoding: string, offset: number): Promise<number> {
  const decoder = new TextDecoder(encoding);
  let line = 1;
  let seen = 0;
  let lastWasCr = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    for (let i = 0; i < text.length && seen < offset; i += 1, seen += 1) {
      const c = text.charCodeAt(i);
      if (c === 10 && !lastWasCr) line += 1;
      else if (c === 13) line += 1;
      lastWasCr = c === 13;
    }
    if (seen >= offset) break;
  }
  return line;
}
