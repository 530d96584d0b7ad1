import { InputFileError } from "../errors.js";
import type { Issue } from "../issues/issue.js";
import { hexSecret } from "./hex-secret.js";
import { parseXmlTree, textAt, XmlSyntaxError, type XmlElement } from "./pskc/xml-tree.js";
import type { SeedFileReader } from "./reader.js";

/**
Deepnet DualShield's token file (docs/seed-files.md): `<data><header>` states for every token
the encoding (`encode`: HEX), `digits`, `timeWindow` (the interval) and `crypto` (HmacSHA1,
HmacSHA256); `<tokens><token>` hold `serial` and `seed`. An `encrypt` other than NONE is refused:
its scheme is Deepnet's own. Manufacturer and model come from the flags.
*/
export const readDualShield: SeedFileReader = async (source, _options, onRecord) => {
  let roots: XmlElement[];
  try {
    roots = parseXmlTree(await source.readText());
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    throw new InputFileError(
      `${source.path} is not well-formed XML (line ${error.line}, column ${error.column}).`,
    );
  }
  const data = roots.find((r) => r.name.toLowerCase() === "data"); // "Data" to the PSKC names
  const header = data?.children.find((c) => c.name === "header");
  const encrypt = textAt(header, "encrypt");
  if (encrypt !== undefined && encrypt.toUpperCase() !== "NONE")
    throw new InputFileError(
      `${source.path} is a DualShield token file with encrypted seeds, which oathkit does not read.`,
      { hint: "Ask Deepnet for the same tokens with <encrypt>NONE</encrypt>, or as a CSV." },
    );
  const hex = (textAt(header, "encode") ?? "HEX").toUpperCase() === "HEX";
  const shared = {
    ...optional("digits", textAt(header, "digits")),
    ...optional("timeIntervalInSeconds", textAt(header, "timeWindow")),
    ...optional("hashFunction", textAt(header, "crypto")),
  };
  const tokens = data?.children.find((c) => c.name === "tokens")?.children ?? [];
  for (const token of tokens.filter((t) => t.name === "token")) {
    const issues: Issue[] = [];
    const seed = textAt(token, "seed") ?? "";
    onRecord({
      line: token.line,
      values: { ...shared, ...optional("serialNumber", textAt(token, "serial")) },
      secret: hex ? hexSecret(seed, token.line, issues) : { kind: "text", text: seed },
      issues,
    });
  }
  return [];
};

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** XML whose root is `<data>` with a `<tokens>` element: DualShield's layout. */
export function looksLikeDualShield(head: string): boolean {
  return (
    /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<data[\s>]/u.test(head) &&
    /<tokens[\s>]/u.test(head)
  );
}
