import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Transform, type Readable } from "node:stream";
import { InputFileError } from "../errors.js";
import { lineAt, lineTooLong, limits, tooLarge } from "./input-limits.js";
import { utf16WithoutBom } from "./utf16.js";
import { controlCharacterAt, RecordTracker, tellingControlAt } from "./text-guard.js";

type Done = (error?: Error | null, data?: unknown) => void;

type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/**
A seed file opened as text: `head` is its first decoded characters (for format detection), and
`stream()` reads the whole file again, decoded, in chunks — readers stream it and never hold it.
*/
export type TextSource = {
  path: string;
  head: string;
  /**
  Decoded text chunks (strings), BOM removed; invalid text fails the stream with an
  InputFileError. `sawQuote` tells whether a `"` has passed so far (the CSV reader scans cells for
  line breaks only then).
  */
  stream(options?: { csvRecords?: boolean }): Readable & { sawQuote: boolean };
  /** The whole decoded text, for readers that need a document (PSKC, Feitian); size-limited. */
  readText(): Promise<string>;
  /**
  SHA-256 (hex) of the file's bytes, once a stream has read them all — opened with `hash: true`,
  so the job's journal is tied to this version of the input without reading the file again.
  */
  sha256(): string | null;
};

const headBytes = 64 * 1024;
const chunkBytes = 64 * 1024;

/**
Open a file as text, refusing what is not: empty, too large (input-limits.ts), a zip (.xlsx), PDF,
PGP, binary data or terminal control characters (text-guard.ts), bad UTF-8.
*/
export async function openTextSource(
  path: string,
  options: { hash?: boolean } = {},
): Promise<TextSource> {
  const { head, size } = await readHead(path);
  if (size > limits.streamedFileBytes)
    throw tooLarge(path, size, limits.streamedFileBytes, "seed files");
  const encoding = sniffEncoding(path, head);
  const headText = decodeHead(path, head, encoding);
  if (headText.trim() === "") throw new InputFileError(`${path} is empty; expected a seed file.`);
  const lineEnd = headText.includes("\n") || !headText.includes("\r") ? "\n" : "\r";
  let digest: string | null = null;
  const hashed = options.hash === true ? (hex: string) => (digest = hex) : undefined;
  const stream = (read: { csvRecords?: boolean } = {}) =>
    decodedStream(path, encoding, read.csvRecords === true ? lineEnd : undefined, hashed);
  return {
    path,
    head: headText,
    stream,
    sha256: () => digest,
    readText: async () => {
      if (size > limits.wholeFileBytes)
        throw tooLarge(
          path,
          size,
          limits.wholeFileBytes,
          "Feitian, OATH CSV, JSON and DualShield files",
        );
      let text = "";
      for await (const chunk of stream()) {
        text += chunk as string;
        if (text.length > limits.wholeFileBytes)
          throw tooLarge(
            path,
            -1,
            limits.wholeFileBytes,
            "Feitian, OATH CSV, JSON and DualShield files",
          );
      }
      return text;
    },
  };
}

async function readHead(path: string): Promise<{ head: Buffer; size: number }> {
  const handle = await open(path, "r").catch((error: unknown) => {
    throw new InputFileError(`${path} cannot be read (${describeFsError(error)}).`, {
      hint: "Check the path and that you may read the file.",
      cause: error,
    });
  });
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
    return { head: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a folder";
  return typeof code === "string" ? code : "unknown error";
}

const expected = "expected a CSV, PSKC (XML) or `serial seed` text file";

function sniffEncoding(path: string, head: Buffer): TextEncoding {
  if (head.length === 0) throw new InputFileError(`${path} is empty; ${expected}.`);
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  const start = head.subarray(0, 40).toString("latin1");
  if (start.startsWith("PK\u0003\u0004") || start.startsWith("PK\u0005\u0006"))
    throw new InputFileError(
      `${path} is a zip archive (an Excel workbook or a zipped delivery); ${expected}.`,
      { hint: "Unzip it, or save the sheet as CSV (UTF-8) and pass that file." },
    );
  if (start.startsWith("%PDF"))
    throw new InputFileError(`${path} is a PDF document; ${expected}.`, {
      hint: "Vendors sometimes send a zip renamed to .pdf: rename it to .zip and extract it.",
    });
  if (start.includes("-----BEGIN PGP"))
    throw new InputFileError(`${path} is PGP-encrypted; ${expected}.`, {
      hint: "Decrypt it first (gpg --decrypt), ideally to a file only you can read.",
    });
  const utf16 = utf16WithoutBom(head);
  if (utf16 !== undefined) return utf16;
  if (head.includes(0)) throw new InputFileError(`${path} holds binary data; ${expected}.`);
  return "utf-8";
}

function decodeHead(path: string, head: Buffer, encoding: TextEncoding): string {
  // The head may end inside a multi-byte character: decode in stream mode so that is not an error.
  return decodeOrFail(path, () =>
    new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true }),
  );
}

function decodeOrFail(path: string, decode: () => string): string {
  let text: string;
  try {
    text = decode();
  } catch (error) {
    throw notText(path, error);
  }
  if (controlCharacterAt(text) >= 0) throw binary(path, undefined);
  return text;
}

function binary(path: string, line: number | undefined): InputFileError {
  if (line === undefined) return new InputFileError(`${path} holds binary data; ${expected}.`);
  return new InputFileError(
    `${path} holds a control character on line ${line} (binary data, or a terminal escape sequence); ${expected}.`,
  );
}

function notText(path: string, cause: unknown): InputFileError {
  return new InputFileError(`${path} is not UTF-8 or UTF-16 text; ${expected}.`, {
    hint: "Save the file as CSV UTF-8 (with or without BOM).",
    cause,
  });
}

function decodedStream(
  path: string,
  encoding: TextEncoding,
  /** CSV: its line break, for the record-length check; undefined for other formats. */
  csvLineEnd: "\n" | "\r" | undefined,
  /** Told the SHA-256 of all the bytes once the stream has read them. */
  onDigest: ((hex: string) => void) | undefined,
): Readable & { sawQuote: boolean } {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const hash = onDigest === undefined ? undefined : createHash("sha256");
  const records = csvLineEnd === undefined ? undefined : new RecordTracker(true, csvLineEnd);
  let bytes = 0;
  let offset = 0;
  /** An error about the character at `at` (offset in the decoded text), with its line. */
  const failAt = (at: number, make: (line: number | undefined) => Error, done: Done): void => {
    lineAt(path, encoding, at).then(
      (line) => done(make(line)),
      () => done(make(undefined)),
    );
  };
  const decode = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (error) {
        done(notText(path, error));
        return;
      }
      bytes += chunk.length;
      hash?.update(chunk);
      if (bytes > limits.streamedFileBytes) {
        done(tooLarge(path, -1, limits.streamedFileBytes, "seed files"));
        return;
      }
      const control = offset === 0 ? controlCharacterAt(text) : tellingControlAt(text);
      if (control >= 0) {
        failAt(offset + control, (line) => binary(path, line), done);
        return;
      }
      const long = records?.push(text) ?? -1;
      if (long >= 0) {
        failAt(long, (line) => lineTooLong(path, line), done);
        return;
      }
      offset += text.length;
      if (!result.sawQuote && text.includes('"')) result.sawQuote = true;
      done(null, text);
    },
    flush(done) {
      try {
        if (hash !== undefined) onDigest?.(hash.digest("hex"));
        done(null, decoder.decode());
      } catch (error) {
        done(notText(path, error));
      }
    },
  });
  const result = Object.assign(decode, { sawQuote: false });
  const file = createReadStream(path, { highWaterMark: chunkBytes });
  file.on("error", (error) =>
    decode.destroy(
      new InputFileError(`${path} cannot be read (${describeFsError(error)}).`, { cause: error }),
    ),
  );
  decode.on("error", () => file.destroy());
  file.pipe(decode);
  return result;
}
