import { SaxesParser } from "saxes";

/**
An XML element reduced to what the PSKC reader needs: the local name (any namespace prefix
dropped), attributes by local name, child elements, the concatenated text and the 1-based
physical line of the start tag.
*/
export type XmlElement = {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  text: string;
  line: number;
};

/** Thrown by `parseXmlTree` with the position of the first error; never carries file content. */
export class XmlSyntaxError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(line: number, column: number) {
    super(`not well-formed XML at line ${line}, column ${column}`);
    this.line = line;
    this.column = column;
  }
}

/**
The element and attribute names the reader looks up, in RFC 6030's spelling. privacyIDEA's export
writes every name lower-case (`<keypackage>`, `algorithm=`): names are matched case-insensitively
against this list and given its spelling; any other name is kept as written.
*/
const pskcNames = [
  ...["KeyContainer", "KeyPackage", "DeviceInfo", "Key", "Data", "SerialNo", "Manufacturer"],
  ...["Model", "FriendlyName", "UserId", "AlgorithmParameters", "ResponseFormat", "Suite"],
  ...["TimeInterval", "Time", "Secret", "Counter", "EncryptedValue", "PlainValue", "ValueMAC"],
  ...["EncryptionKey", "MACMethod", "MACKey", "EncryptionMethod", "CipherData", "CipherValue"],
  ...["KeyName", "DerivedKey", "KeyDerivationMethod", "PBKDF2-params", "Salt", "Specified"],
  ...["IterationCount", "KeyLength", "PRF", "Algorithm", "Id", "Length", "Encoding", "Version"],
];
const canonical = new Map(pskcNames.map((name) => [name.toLowerCase(), name]));

const localName = (name: string): string => {
  const local = name.slice(name.indexOf(":") + 1);
  return canonical.get(local.toLowerCase()) ?? local;
};

/**
Parse `text` into top-level elements. Parsing is done as a fragment so that a file of bare
`<KeyPackage>` elements (several roots) still reads; an XML declaration at the start is allowed,
text outside elements is not. Namespace prefixes are not resolved, only dropped: PSKC files in
the wild use any prefix, and some use one they never declare.
*/
export function parseXmlTree(text: string): XmlElement[] {
  // saxes refuses an XML declaration in fragment mode: blank it out, keeping line breaks.
  const declaration = /^\s*<\?xml[\s\S]*?\?>/u.exec(text)?.[0] ?? "";
  const body = declaration.replace(/[^\r\n]/gu, " ") + text.slice(declaration.length);

  const options = { fragment: true, position: true, xmlns: false } as const;
  const parser = new SaxesParser<typeof options>(options);
  const lines = lineCounter(body);
  const roots: XmlElement[] = [];
  const open: XmlElement[] = [];
  let topLevelEnd = 0; // where the last top-level element ended: stray text starts after it
  const close = (): void => {
    open.pop();
    if (open.length === 0) topLevelEnd = parser.position;
  };

  parser.on("opentagstart", (tag) => {
    // The event fires just after the name; its `<` is the last one before this position.
    const element: XmlElement = {
      name: localName(tag.name),
      attrs: {},
      children: [],
      text: "",
      line: lines(body.lastIndexOf("<", parser.position - 1)),
    };
    (open.at(-1)?.children ?? roots).push(element);
    open.push(element);
  });
  parser.on("opentag", (tag) => {
    const element = open.at(-1);
    if (element === undefined) return;
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (name !== "xmlns" && !name.startsWith("xmlns:")) attrs[localName(name)] = value;
    }
    element.attrs = attrs;
    if (tag.isSelfClosing) close();
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) close();
  });
  const addText = (chunk: string): void => {
    const element = open.at(-1);
    if (element !== undefined) element.text += chunk;
    else if (chunk.trim() !== "") {
      const start = topLevelEnd + body.slice(topLevelEnd).search(/\S/u);
      throw new XmlSyntaxError(...lineAndColumn(body, start));
    }
  };
  parser.on("text", addText);
  parser.on("cdata", addText);

  try {
    parser.write(body).close();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw error;
    // saxes throws at the first error; only its position is passed on, never a message that
    // could quote the file.
    throw new XmlSyntaxError(parser.line, parser.column);
  }
  return roots;
}

/** 1-based line and column of a string offset. */
function lineAndColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  return [lineCounter(text)(offset), offset - lineStart + 1];
}

/** Maps increasing string offsets to 1-based line numbers (CR, LF and CRLF end a line). */
function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    for (; at < offset; at += 1) {
      const code = text.charCodeAt(at);
      if (code === 10 || (code === 13 && text.charCodeAt(at + 1) !== 10)) line += 1;
    }
    return line;
  };
}

/** The first child element with this local name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Follow a path of local names from `element`. */
export function path(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let at = element;
  for (const name of names) at = child(at, name);
  return at;
}

/** The trimmed text at a path, or undefined when the element is absent or empty. */
export function textAt(element: XmlElement | undefined, ...names: string[]): string | undefined {
  const text = path(element, ...names)?.text.trim();
  return text === undefined || text === "" ? undefined : text;
}
