import { InputFileError } from "../../errors.js";
import { recordIssue, type Issue } from "../../issues/issue.js";
import type { Seed } from "../../secrets/seed.js";
import type { RawRecord } from "../raw-record.js";
import { openContainerKeys, quote, type ContainerKeys } from "./container-keys.js";
import { checkPsk, find, preStandardLayout, xmlError } from "./file-checks.js";
import { readKeyPackage } from "./key-package.js";
import { XmlSyntaxError, XmlTreeStream, type XmlElement } from "./xml-tree.js";

/**
Key material for an encrypted PSKC file, as the user gave it. `password` is the password itself:
the CLI reads it from the environment variable that `--password-env` names.
*/
export type PskcKeys = { pskHex?: string; password?: string };

/** Read a whole PSKC text (tests, small inputs): `PskcReader` with one piece, its own head. */
export function readPskc(
  text: string,
  keys: PskcKeys,
): { records: RawRecord[]; fileIssues: Issue[] } {
  const records: RawRecord[] = [];
  using reader = new PskcReader(keys, text, (record) => records.push(record));
  reader.write(text);
  return { records, fileIssues: reader.finish() };
}

/**
Read a PSKC (RFC 6030) file, given as decoded text in pieces, into one RawRecord per
`<KeyPackage>`, handed on as each package closes and then dropped: a file of 100,000 keys is
never held. Encrypted values are MAC-checked, then decrypted straight into `Seed`s; the keys are
opened at the first encrypted package (EncryptionKey and MACMethod come before the packages).
Throws `InputFileError` when nothing can be read (not XML, no KeyContainer, encrypted without a
key, wrong key). `head` is the file's first text (TextSource.head), for the messages that name a
DOCTYPE or a pre-standard layout. Declare it with `using`: leaving the scope zeroes the keys, and
the seeds already handed on unless `finish` returned. See docs/pskc.md.
*/
export class PskcReader implements Disposable {
  readonly #keys: PskcKeys;
  readonly #head: string;
  readonly #onRecord: (record: RawRecord) => void;
  readonly #tree: XmlTreeStream;
  #container: XmlElement | undefined;
  #opened: ContainerKeys | undefined;
  readonly #plain: ContainerKeys = {
    encryption: undefined,
    mac: undefined,
    macChecks: { passed: 0, failed: 0 },
  };
  #firstLine: number | undefined;
  #encrypted = false;
  #finished = false;
  readonly #seeds: Seed[] = [];

  constructor(keys: PskcKeys, head: string, onRecord: (record: RawRecord) => void) {
    checkPsk(keys.pskHex);
    this.#keys = keys;
    this.#head = head;
    this.#onRecord = onRecord;
    this.#tree = new XmlTreeStream((element, ancestors) => this.#closed(element, ancestors));
  }

  write(chunk: string): void {
    this.#parse(() => this.#tree.write(chunk));
  }

  /** The file-level findings, once every piece was written. */
  finish(): Issue[] {
    const roots = this.#parse(() => this.#tree.close());
    const container = this.#container ?? find(roots, "KeyContainer")[0];
    const first = this.#firstLine;
    if (first === undefined) throw this.#noPackage(roots, container);
    const fileIssues: Issue[] = [];
    if (container === undefined) {
      const text =
        "the file has KeyPackage elements but no KeyContainer; they are read on their own";
      fileIssues.push(recordIssue(first, null, "pskc-no-container", text));
    }
    const version = container?.attrs["Version"]?.trim();
    if (container !== undefined && version !== undefined && version !== "1.0" && version !== "1") {
      const text = `the file says PSKC Version ${quote(version, ["number", "word"])}; it is read as RFC 6030 (1.0)`;
      fileIssues.push(recordIssue(container.line, null, "pskc-version", text));
    }
    if (this.#encrypted && this.#opened?.mac === undefined) {
      const text =
        "the file declares no MACMethod, so encrypted values without a ValueMAC cannot be checked";
      fileIssues.push(recordIssue(container?.line ?? first, null, "pskc-no-mac", text));
    }
    const { passed, failed } = this.#opened?.macChecks ?? this.#plain.macChecks;
    // No MAC matched at all: the key is wrong (or everything was altered). The same answer
    // whether or not the MACKey's padding was right — see decryptMacKey.
    if (failed > 0 && passed === 0) {
      for (const seed of this.#seeds) seed.wipe();
      throw new InputFileError(
        "No MAC in this PSKC file matches: wrong key or password, or the file was altered.",
        {
          hint: "Check the pre-shared key (--psk-env, --psk-file) or the password in the variable --password-env names.",
        },
      );
    }
    this.#finished = true;
    return fileIssues;
  }

  /** Zero the keys; after a failure (`finish` did not return) also the seeds already handed on. */
  [Symbol.dispose](): void {
    if (!this.#finished) for (const seed of this.#seeds) seed.wipe();
    this.#opened?.encryption?.fill(0);
    this.#opened?.mac?.key.fill(0);
  }

  /** A KeyPackage of the (first) container, or anywhere when there is none: read and dropped. */
  #closed(element: XmlElement, ancestors: readonly XmlElement[]): boolean {
    if (element.name !== "KeyPackage") return false;
    const container = ancestors.find((a) => a.name === "KeyContainer");
    this.#container ??= container;
    if (
      container !== undefined &&
      (container !== this.#container || ancestors.at(-1) !== container)
    )
      return false;
    if (ancestors.some((a) => a.name === "KeyPackage")) return false;
    this.#firstLine ??= element.line;
    const encrypted = find([element], "EncryptedValue").length > 0;
    if (encrypted) {
      this.#encrypted = true;
      this.#opened ??= openContainerKeys(container, true, this.#keys);
    }
    const record = readKeyPackage(element, this.#opened ?? this.#plain);
    if (record.secret?.kind === "bytes") this.#seeds.push(record.secret.seed);
    this.#onRecord(record);
    return true;
  }

  #noPackage(roots: readonly XmlElement[], container: XmlElement | undefined): InputFileError {
    const layout = preStandardLayout(this.#head, roots, container);
    if (layout !== undefined)
      return new InputFileError(
        `This file is a pre-standard PSKC layout (${layout}): its keys are in <Device> elements from a draft before RFC 6030, which oathkit does not read.`,
        {
          hint: 'Ask the vendor for the same tokens as RFC 6030 PSKC (a KeyContainer Version="1.0" of KeyPackage elements), or as a CSV.',
          code: "pskc-pre-standard",
        },
      );
    return container === undefined
      ? new InputFileError("This file has no PSKC KeyContainer.", {
          hint: "Check that it is an RFC 6030 PSKC file, or name its format with --format.",
        })
      : new InputFileError("This PSKC file holds no KeyPackage, so no token.", {
          hint: "Ask the vendor for the file that holds the tokens' keys.",
        });
  }

  #parse<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      throw error instanceof XmlSyntaxError ? xmlError(error, this.#head) : error;
    }
  }
}
