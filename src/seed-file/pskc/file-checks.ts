import { InputFileError } from "../../errors.js";
import type { XmlElement, XmlSyntaxError } from "./xml-tree.js";

// What the PSKC reader checks about a file as a whole (read-pskc.ts).

export function checkPsk(pskHex: string | undefined): void {
  if (pskHex !== undefined && !/^[0-9a-fA-F]{32}$/u.test(pskHex)) {
    throw new InputFileError("The pre-shared key is not 32 hex characters.", {
      hint: "Pass the AES-128 key the vendor sent (--psk-env or --psk-file) as exactly 32 hex characters.",
    });
  }
}

/** A syntax error as one sentence; a DOCTYPE (the XML reader refuses it) is named as such. */
export function xmlError(error: XmlSyntaxError, head: string): InputFileError {
  if (/<!DOCTYPE/iu.test(head))
    return new InputFileError(
      "This PSKC file has a DOCTYPE, which oathkit refuses on purpose: a document type can pull in other files or expand entities, and PSKC needs none.",
      {
        hint: "Ask the vendor for the file without the <!DOCTYPE …> declaration (RFC 6030 files have none).",
        code: "pskc-doctype",
      },
    );
  return new InputFileError(
    `This PSKC file is not well-formed XML (line ${error.line}, column ${error.column}).`,
    {
      hint: "Check that the file is complete and was not altered; ask the vendor for a new copy if needed.",
    },
  );
}

/** The draft a PSKC file without KeyPackages follows, by its root and namespace; else undefined. */
export function preStandardLayout(
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
export function find(elements: readonly XmlElement[], name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = [...elements].reverse(); // iterative: a hostile file may nest deeply
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    if (e.name === name) found.push(e);
    else for (let i = e.children.length - 1; i >= 0; i -= 1) stack.push(e.children[i]!);
  }
  return found;
}
