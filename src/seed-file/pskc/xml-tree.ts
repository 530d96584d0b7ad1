import { XmlScanner } from "./xml-scanner.js";
import { XmlSyntaxError } from "./xml-syntax.js";

export { XmlSyntaxError } from "./xml-syntax.js";

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

const seen = new Map<string, string>(); // raw name → local name: names repeat in every package

const localName = (name: string): string => {
  let local = seen.get(name);
  if (local === undefined) {
    local = name.slice(name.indexOf(":") + 1);
    local = canonical.get(local.toLowerCase()) ?? local;
    if (seen.size < 1024) seen.set(name, local); // bounded: a hostile file may use many names
  }
  return local;
};

const noAttributes: Readonly<Record<string, string>> = Object.freeze({});

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
  readonly #scanner: XmlScanner;

  constructor(
    detach: (element: XmlElement, ancestors: readonly XmlElement[]) => boolean = () => false,
  ) {
    const open: XmlElement[] = [];
    const roots = this.roots;
    const close = (): void => {
      const element = open.pop()!;
      if (!detach(element, open)) return;
      const siblings = open.at(-1)?.children ?? roots;
      if (siblings.at(-1) === element) siblings.pop();
    };
    this.#scanner = new XmlScanner({
      open(name, attributes, line, empty) {
        const element: XmlElement = {
          name: localName(name),
          attrs: attributes === undefined ? noAttributes : attrsOf(attributes),
          children: [],
          text: "",
          line,
        };
        (open.at(-1)?.children ?? roots).push(element);
        open.push(element);
        if (empty) close();
      },
      close,
      text(text, line, column) {
        const element = open.at(-1);
        if (element !== undefined) element.text += text;
        else if (text.trim() !== "") {
          // Stray text outside elements: name where it starts.
          const before = text.slice(0, text.search(/\S/u));
          const breaks = before.split("\n").length - 1;
          throw breaks === 0
            ? new XmlSyntaxError(line, column + before.length)
            : new XmlSyntaxError(line + breaks, before.length - before.lastIndexOf("\n"));
        }
      },
    });
  }

  /** Parse the next piece; throws XmlSyntaxError (a position, never the file's text). */
  write(chunk: string): void {
    this.#scanner.write(chunk);
  }

  close(): XmlElement[] {
    this.#scanner.end();
    return this.roots;
  }
}

/** Attributes by local name; namespace declarations are left out. */
function attrsOf(attributes: readonly [string, string][]): Readonly<Record<string, string>> {
  let attrs: Record<string, string> | undefined;
  for (const [name, value] of attributes) {
    if (name === "xmlns" || name.startsWith("xmlns:")) continue;
    attrs ??= {};
    attrs[localName(name)] = value;
  }
  return attrs ?? noAttributes;
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
