import { InputFileError } from "../../errors.js";
import type { Issue } from "../../issues/issue.js";
import { issueCodes } from "../../issues/issue-codes.js";
import type { RawRecord } from "../raw-record.js";
import { openContainerKeys, quote } from "./container-keys.js";
import { readKeyPackage } from "./key-package.js";
import { parseXmlTree, XmlSyntaxError, type XmlElement } from "./xml-tree.js";

/**
Key material for an encrypted PSKC file, as the user gave it. `password` is the password itself:
the CLI reads it from the environment variable that `--password-env` names.
*/
export type PskcKeys = { pskHex?: string; password?: string };

/**
Read a PSKC (RFC 6030) file, already decoded to text, into one RawRecord per `<KeyPackage>`.
Encrypted values are MAC-checked, then decrypted straight into `Seed`s. Throws `InputFileError`
when nothing can be read (not XML, no KeyContainer, encrypted without a key, wrong key).
See docs/pskc.md for what is supported and why.
*/
export function readPskc(
  text: string,
  keys: PskcKeys,
): { records: RawRecord[]; fileIssues: Issue[] } {
  checkPsk(keys.pskHex);
  const roots = parse(text);
  const container = find(roots, "KeyContainer")[0];
  const packages = container
    ? container.children.filter((e) => e.name === "KeyPackage")
    : find(roots, "KeyPackage");
  const first = packages[0];
  if (first === undefined) {
    const layout = preStandardLayout(text, roots, container);
    if (layout !== undefined)
      throw new InputFileError(
        `This file is a pre-standard PSKC layout (${layout}): its keys are in <Device> elements from a draft before RFC 6030, which oathkit does not read.`,
        {
          hint: 'Ask the vendor for the same tokens as RFC 6030 PSKC (a KeyContainer Version="1.0" of KeyPackage elements), or as a CSV.',
          code: "pskc-pre-standard",
        },
      );
    throw container === undefined
      ? new InputFileError("This file has no PSKC KeyContainer.", {
          hint: "Check that it is an RFC 6030 PSKC file, or name its format with --format.",
        })
      : new InputFileError("This PSKC file holds no KeyPackage, so no token.", {
          hint: "Ask the vendor for the file that holds the tokens' keys.",
        });
  }

  const fileIssues: Issue[] = [];
  const encrypted = packages.some((p) => find([p], "EncryptedValue").length > 0);
  const containerKeys = openContainerKeys(container, encrypted, keys);
  try {
    if (container === undefined) {
      fileIssues.push(
        fileIssue(
          first.line,
          "pskc-no-container",
          "the file has KeyPackage elements but no KeyContainer; they are read on their own",
        ),
      );
    }
    const version = container?.attrs["Version"]?.trim();
    if (version !== undefined && version !== "1.0" && version !== "1") {
      fileIssues.push(
        fileIssue(
          container!.line,
          "pskc-version",
          `the file says PSKC Version ${quote(version, ["number", "word"])}; it is read as RFC 6030 (1.0)`,
        ),
      );
    }
    if (encrypted && containerKeys.mac === undefined) {
      fileIssues.push(
        fileIssue(
          container?.line ?? first.line,
          "pskc-no-mac",
          "the file declares no MACMethod, so encrypted values without a ValueMAC cannot be checked",
        ),
      );
    }
    const records = packages.map((p) => readKeyPackage(p, containerKeys));
    const { passed, failed } = containerKeys.macChecks;
    // No MAC matched at all: the key is wrong (or everything was altered). The same answer
    // whether or not the MACKey's padding was right — see decryptMacKey.
    if (failed > 0 && passed === 0) {
      for (const r of records) if (r.secret?.kind === "bytes") r.secret.seed.wipe();
      throw new InputFileError(
        "No MAC in this PSKC file matches: wrong key or password, or the file was altered.",
        {
          hint: "Check the pre-shared key (--psk-env, --psk-file) or the password in the variable --password-env names.",
        },
      );
    }
    return { records, fileIssues };
  } finally {
    containerKeys.encryption?.fill(0);
    containerKeys.mac?.key.fill(0);
  }
}

function checkPsk(pskHex: string | undefined): void {
  if (pskHex !== undefined && !/^[0-9a-fA-F]{32}$/u.test(pskHex)) {
    throw new InputFileError("The pre-shared key is not 32 hex characters.", {
      hint: "Pass the AES-128 key the vendor sent (--psk-env or --psk-file) as exactly 32 hex characters.",
    });
  }
}

function parse(text: string): XmlElement[] {
  try {
    return parseXmlTree(text);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    if (/<!DOCTYPE/iu.test(text))
      throw new InputFileError(
        "This PSKC file has a DOCTYPE, which oathkit refuses on purpose: a document type can pull in other files or expand entities, and PSKC needs none.",
        {
          hint: "Ask the vendor for the file without the <!DOCTYPE …> declaration (RFC 6030 files have none).",
          code: "pskc-doctype",
        },
      );
    throw new InputFileError(
      `This PSKC file is not well-formed XML (line ${error.line}, column ${error.column}).`,
      {
        hint: "Check that the file is complete and was not altered; ask the vendor for a new copy if needed.",
      },
    );
  }
}

/** The draft a PSKC file without KeyPackages follows, by its root and namespace; else undefined. */
function preStandardLayout(
  text: string,
  roots: readonly XmlElement[],
  container: XmlElement | undefined,
): string | undefined {
  if (roots.some((r) => r.name === "SecretContainer"))
    return "draft-hoyer-keyprov-portable-symmetric-key-container-00, SecretContainer";
  if (container === undefined || !container.children.some((c) => c.name === "Device"))
    return undefined;
  if (text.includes("urn:ietf:params:xml:ns:keyprov:container:1.0"))
    return "ActivIdentity, keyprov:container:1.0";
  if (text.includes("urn:ietf:params:xml:ns:keyprov:container"))
    return "draft-hoyer-keyprov-portable-symmetric-key-container-01";
  return "draft-ietf-keyprov-pskc-02 or earlier";
}

/** Elements with this name, depth first, not looking inside a match. */
function find(elements: readonly XmlElement[], name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = [...elements].reverse(); // iterative: a hostile file may nest deeply
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    if (e.name === name) found.push(e);
    else for (let i = e.children.length - 1; i >= 0; i -= 1) stack.push(e.children[i]!);
  }
  return found;
}

function fileIssue(
  line: number,
  code: "pskc-no-container" | "pskc-no-mac" | "pskc-version",
  message: string,
): Issue {
  return { line, field: null, code, severity: issueCodes[code].severity, message };
}
