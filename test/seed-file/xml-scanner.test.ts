import { describe, expect, it } from "vitest";
import {
  parseXmlTree,
  XmlSyntaxError,
  XmlTreeStream,
  type XmlElement,
} from "../../src/seed-file/pskc/xml-tree.js";

// The XML reader of PSKC files (xml-scanner.ts) over text given in pieces that split anywhere:
// the tree, the element lines and the error positions must not depend on where the pieces end.

function inPieces(text: string, cuts: readonly number[]): XmlElement[] {
  const tree = new XmlTreeStream();
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    tree.write(text.slice(from, cut));
    from = cut;
  }
  return tree.close();
}

/** [line, column] of the XmlSyntaxError, or "read" when there is none. */
function outcome(read: () => unknown): [number, number] | "read" {
  try {
    read();
    return "read";
  } catch (error) {
    if (error instanceof XmlSyntaxError) return [error.line, error.column];
    throw error;
  }
}

/** The same outcome whole, cut once at every position, and in one-character pieces. */
function everyWay<T>(text: string, read: (cuts: number[]) => T): T[] {
  const results = [read([])];
  for (let k = 1; k < text.length; k += 1) results.push(read([k]));
  results.push(read([...text].map((_, k) => k + 1).slice(0, -1)));
  return results;
}

const document = [
  '<?xml version="1.0" encoding="UTF-8"?>\r\n',
  "<!-- a comment - with a dash -->\r\n",
  "<pskc:KeyContainer xmlns:pskc=\"urn:ietf:params:xml:ns:keyprov:pskc\" Version='1.0'>\r",
  "  <KeyPackage><DeviceInfo><SerialNo>A&amp;B &#x41;&#66; &lt;&gt;&quot;&apos;</SerialNo></DeviceInfo>\n",
  '    <Key Id="k&amp;1"\tAlgorithm="urn:x\r\n:totp"><?note some data?><Data><Secret>',
  "<PlainValue><![CDATA[ab]c]]d<&>\r\n]]></PlainValue></Secret></Data></Key>\r\n",
  "  </KeyPackage>\n",
  "  <KeyPackage/><Model>é😀</Model></pskc:KeyContainer>\n",
].join("");

describe("the PSKC XML reader", () => {
  it("reads the same tree however the text is cut: names, attributes, lines, text, CDATA, references", () => {
    const whole = parseXmlTree(document);
    const [container] = whole;
    expect(container?.name).toBe("KeyContainer");
    expect(container?.attrs).toEqual({ Version: "1.0" });
    expect(container?.line).toBe(3);
    const [first, second, model] = container!.children;
    expect(first?.line).toBe(4); // after a lone CR
    const serial = first?.children[0]?.children[0];
    expect(serial?.text).toBe("A&B AB <>\"'");
    const key = first?.children[1];
    expect([key?.line, key?.attrs]).toEqual([5, { Id: "k&1", Algorithm: "urn:x :totp" }]);
    expect(key?.children[0]?.children[0]?.children[0]?.text).toBe("ab]c]]d<&>\n");
    expect([second?.name, second?.line, second?.children]).toEqual(["KeyPackage", 9, []]); // CR LF in Algorithm
    expect(model?.text).toBe("é😀");
    for (const tree of everyWay(document, (cuts) => inPieces(document, cuts)))
      expect(tree).toEqual(whole);
  });

  it("reads several roots (a fragment) and hands over detached elements", () => {
    const text = "<KeyPackage Id='1'/>\n<KeyPackage>\n</KeyPackage>";
    expect(parseXmlTree(text).map((e) => [e.name, e.line])).toEqual([
      ["KeyPackage", 1],
      ["KeyPackage", 2],
    ]);
    const handed: number[] = [];
    const tree = new XmlTreeStream((e) => e.name === "KeyPackage" && handed.push(e.line) > 0);
    tree.write(text);
    expect([tree.close(), handed]).toEqual([[], [1, 2]]);
  });

  const errors: [string, string, [number, number]][] = [
    ["an unclosed tag at the end (after a line break)", "<a>\n<b>\n", [3, 0]],
    ["an unclosed tag at the end", "<a>\n<b>x", [2, 4]],
    ["the text ending inside a start tag", "<a>\n<b c='1", [2, 7]],
    ["the text ending inside a comment", "<a><!-- x", [1, 9]],
    ["the text ending inside CDATA", "<a><![CDATA[x]]", [1, 15]],
    ["the text ending inside a reference", "<a>&am", [1, 6]],
    ["a mismatched end tag", "<a>\r\n<b></a>", [2, 7]],
    ["an end tag with nothing open", "<a/></a>", [1, 8]],
    ["line breaks that are lone CRs", "<a>\r\r<b>\r</c>", [4, 4]],
    ["]]> in text", "<a>x]]>y</a>", [1, 7]],
    ["-- inside a comment", "<a><!-- x -- y --></a>", [1, 13]],
    ["an undefined entity (no DTD: nothing is expanded)", "<a>&nbsp;</a>", [1, 4]],
    ["a bare &", "<a>fish & chips</a>", [1, 9]],
    ["a character reference to a non-character", "<a>&#0;</a>", [1, 4]],
    ["a DOCTYPE", "<!DOCTYPE a [<!ENTITY x 'y'>]>\n<a>&x;</a>", [1, 2]],
    ["stray text after the root", "<a/>\r\n  x", [2, 3]],
    ["stray text before the root", " x<a/>", [1, 2]],
    ["an unquoted attribute value", "<a b=c/>", [1, 6]],
    ["a repeated attribute", '<a b="1" b="2"/>', [1, 10]],
    ["< in an attribute value", '<a b="<"/>', [1, 6]],
    ["attributes without a blank between them", '<a b="1"c="2"/>', [1, 9]],
    ["an XML declaration after an element", '<a/><?xml version="1.0"?>', [1, 7]],
    ["a control character", "<a>\u0001</a>", [1, 4]],
    ["a name that starts with a digit", "<1a/>", [1, 2]],
  ];
  for (const [name, text, position] of errors) {
    it(`refuses ${name} at line ${position[0]}, column ${position[1]}, however it is cut`, () => {
      for (const result of everyWay(text, (cuts) => outcome(() => inPieces(text, cuts))))
        expect(result).toEqual(position);
    });
  }

  it("names a position and never the file's text in its message", () => {
    const secret = "JBSWY3DPEHPK3PXP";
    const text = `<a>${secret}</b>`;
    expect(() => parseXmlTree(text)).toThrow(/^not well-formed XML at line 1, column 23$/u);
  });

  it("refuses a start tag longer than 1 MiB without holding the file", () => {
    const tree = new XmlTreeStream();
    tree.write("<a>\n<b c='");
    const piece = "x".repeat(65_536);
    const read = () => {
      for (let k = 0; k < 20; k += 1) tree.write(piece);
    };
    expect(outcome(read)).toEqual([2, 1]);
  });
});
