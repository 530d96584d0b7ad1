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
  const tree = new XmlTreeStream();
  tree.write(text);
  return tree.close();
}

/**
The same tree built from text given in pieces. `detach(element)` is asked as each element
closes, with its open ancestors: when it says true the element is handed over and not kept in its parent, so a file of
100,000 KeyPackages never holds more than one of them.
*/
export class XmlTreeStream {
  readonly roots: XmlElement[] = [];
  readonly #parser: SaxesParser<{ fragment: true; position: true; xmlns: false }>;
  readonly #open: XmlElement[] = [];
  #started = false;

  constructor(
    detach: (element: XmlElement, ancestors: readonly XmlElement[]) => boolean = () => false,
  ) {
    const parser = new SaxesParser({ fragment: true, position: true, xmlns: false } as const);
    this.#parser = parser;
    const open = this.#open;
    parser.on("opentagstart", (tag) => {
      // The event fires on the character after the name: a line break there has already
      // counted, and the `<` is on the line before (a tag name holds no line break).
      const element: XmlElement = {
        name: localName(tag.name),
        attrs: {},
        children: [],
        text: "",
        line: parser.column === 0 ? parser.line - 1 : parser.line,
      };
      (open.at(-1)?.children ?? this.roots).push(element);
      open.push(element);
    });
    let end = { line: 1, column: 0 }; // where the last top-level element ended
    const close = (): void => {
      const element = open.pop();
      if (open.length === 0) end = { line: parser.line, column: parser.column };
      if (element === undefined || !detach(element, open)) return;
      const siblings = open.at(-1)?.children ?? this.roots;
      if (siblings.at(-1) === element) siblings.pop();
    };
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
        // Stray text: name where it starts, counted from the end of the element before it.
        const before = chunk.slice(0, chunk.search(/\S/u));
        const breaks = before.split("\n").length - 1;
        throw breaks === 0
          ? new XmlSyntaxError(end.line, end.column + before.length + 1)
          : new XmlSyntaxError(end.line + breaks, before.length - before.lastIndexOf("\n"));
      }
    };
    parser.on("text", addText);
    parser.on("cdata", addText);
  }

  /** Parse the next piece; throws XmlSyntaxError (a position, never the file's text). */
  write(chunk: string): void {
    let text = chunk;
    if (!this.#started) {
      // saxes refuses an XML declaration in fragment mode: blank it out, keeping line breaks.
      const declaration = /^\s*<\?xml[\s\S]*?\?>/u.exec(text)?.[0] ?? "";
      text = declaration.replace(/[^\r\n]/gu, " ") + text.slice(declaration.length);
      this.#started = text.trim() !== "";
    }
    this.#guard(() => this.#parser.write(text));
  }

  close(): XmlElement[] {
    this.#guard(() => this.#parser.close());
    return this.roots;
  }

  #guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      // A handler's own error (an InputFileError from reading a KeyPackage) passes unchanged.
      if (
        error instanceof XmlSyntaxError ||
        !(error instanceof Error) ||
        error.constructor !== Error
      )
        throw error;
      // saxes throws at the first error; only its position is passed on, never a message that
      // could quote the file.
      throw new XmlSyntaxError(this.#parser.line, this.#parser.column);
    }
  }
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
