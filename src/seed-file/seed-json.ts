import { InputFileError } from "../errors.js";
import { columnField } from "./csv/columns.js";
import type { RawRecord } from "./raw-record.js";
import type { SeedFileReader } from "./reader.js";

/**
Token2's JSON seed file (docs/seed-files.md): an array of objects with the Graph property names
(`serialNumber`, `secretKey`, `timeIntervalInSeconds`, `manufacturer`, `model`, `hashFunction`,
`upn`), or the Graph bulk body `{"value": [...]}` that `convert --to graph-json` writes. Property
names are matched as CSV headers are; numbers are read as their text. Each record's line is the
line of its `{`.
*/
export const readSeedJson: SeedFileReader = async (source, _options, onRecord) => {
  const text = await source.readText();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error: never shown.
    throw new InputFileError(`${source.path} is not valid JSON.`, {
      hint: "Check that the file is complete; ask the vendor for a new copy if needed.",
    });
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { value?: unknown } | null)?.value;
  if (!Array.isArray(list))
    throw new InputFileError(
      `${source.path} is JSON but not a list of tokens; expected [{"serialNumber": …, "secretKey": …}, …].`,
    );
  const lines = objectLines(text);
  list.forEach((item, index) => {
    const line = lines[index] ?? 1;
    const values: RawRecord["values"] = {};
    let secret: RawRecord["secret"];
    if (item !== null && typeof item === "object") {
      for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
        if (typeof value !== "string" && typeof value !== "number") continue;
        const field = columnField(name);
        const cell = String(value).trim();
        if (field === "secretKey") secret = { kind: "text", text: cell };
        else if (field !== undefined) values[field] = cell;
      }
    }
    onRecord({ line, values, secret, issues: [] });
  });
  return [];
};

/** The 1-based line of each `{` that opens an element of the outermost list. */
function objectLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let listDepth = -1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "\n") line += 1;
    if (inString) {
      if (c === "\\") i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (c === "[" && listDepth < 0) listDepth = depth + 1;
      else if (c === "{" && depth === listDepth) lines.push(line);
      depth += 1;
    } else if (c === "]" || c === "}") depth -= 1;
  }
  return lines;
}
