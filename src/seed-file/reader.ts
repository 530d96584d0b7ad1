import type { Issue } from "../issues/issue.js";
import type { RawRecord } from "./raw-record.js";
import type { TextSource } from "./text-source.js";

/** What a reader may need beyond the file: the PSKC decryption material. */
export type ReaderOptions = {
  /** Pre-shared AES key for encrypted PSKC, hex. */
  pskHex?: string;
  /** Password for PBKDF2-encrypted PSKC, already read from the environment variable named by the user. */
  password?: string;
};

/**
A format reader: streams a source and hands each record to `onRecord` in file order, with its
physical line. It returns file-level findings (unknown columns...). It throws only InputFileError,
for a file it cannot read at all. Records are delivered synchronously so a reader never holds them.
*/
export type SeedFileReader = (
  source: TextSource,
  options: ReaderOptions,
  onRecord: (record: RawRecord) => void,
) => Promise<Issue[]>;
