import Papa from "papaparse";
import { InputFileError } from "../../errors.js";
import type { Issue } from "../../issues/issue.js";
import type { RawRecord } from "../raw-record.js";
import type { SeedFileReader } from "../reader.js";
import { mapColumns, type ColumnMap } from "./columns.js";
import { unquoteFormula } from "../../files/csv-cell.js";

type Row = string[];

/**
The CSV reader (docs/seed-files.md). papaparse parses the decoded text stream chunk by chunk; this
only tracks physical lines and maps columns, so no more than one chunk of rows is ever held.

Physical lines: every row spans one line plus the line breaks inside its quoted cells, and papaparse
gives empty lines back as empty rows, so counting as rows arrive is exact. Cells are only scanned
for line breaks once the stream has shown a quote character.
*/
export const readCsv: SeedFileReader = (source, _options, onRecord) => {
  const { delimiter, newline } = sniffCsv(source.head);
  const stream = source.stream({ csvRecords: true });
  const fileIssues: Issue[] = [];
  let columns: ColumnMap | undefined;
  let line = 1;
  let failure: Error | undefined;

  const handleRow = (row: Row, quoteError: string | undefined): void => {
    const span = stream.sawQuote ? 1 + lineBreaksIn(row) : 1;
    const start = line;
    line += span;
    if (isEmptyRow(row) && quoteError === undefined) return;
    if (columns === undefined) {
      columns = mapColumns(source.path, row, start);
      fileIssues.push(...columns.issues);
      return;
    }
    onRecord(toRecord(row, start, columns, quoteError));
  };

  return new Promise<Issue[]>((resolve, reject) => {
    Papa.parse<Row>(stream, {
      delimiter,
      newline,
      quoteChar: '"',
      chunk(results, parser) {
        try {
          const quoteErrors =
            results.errors.length > 0 ? quoteErrorsByRow(results.errors) : undefined;
          const rows = results.data;
          for (let i = 0; i < rows.length; i++) handleRow(rows[i]!, quoteErrors?.get(i));
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
          parser.abort();
          stream.destroy();
        }
      },
      complete() {
        if (failure !== undefined) reject(failure);
        else if (columns === undefined)
          reject(
            new InputFileError(`${source.path} has no header line; expected a CSV seed file.`, {
              code: "csv-header",
            }),
          );
        else resolve(fileIssues);
      },
      error(error: Error) {
        reject(
          error instanceof InputFileError
            ? error
            : new InputFileError(`${source.path} cannot be read as CSV (${error.message}).`, {
                cause: error,
              }),
        );
      },
    });
  });
};

/** The delimiter is the most frequent of `,` `;` TAB on the header line; the line end is the first one met. */
export function sniffCsv(head: string): { delimiter: string; newline: "\r\n" | "\n" | "\r" } {
  const text = head.replace(/^[\s\uFEFF]+/u, "");
  const lineEnd = /\r\n|\r|\n/u.exec(text);
  const header = lineEnd === null ? text : text.slice(0, lineEnd.index);
  let delimiter = ",";
  let best = 0;
  for (const candidate of [",", ";", "\t"]) {
    const count = header.split(candidate).length - 1;
    if (count > best) [delimiter, best] = [candidate, count];
  }
  return { delimiter, newline: (lineEnd?.[0] ?? "\n") as "\r\n" | "\n" | "\r" };
}

function toRecord(
  row: Row,
  line: number,
  columns: ColumnMap,
  quoteError: string | undefined,
): RawRecord {
  const { index, width } = columns;
  const issues: Issue[] = [];
  if (quoteError !== undefined)
    issues.push({
      line,
      field: null,
      code: "malformed-quotes",
      severity: "error",
      message: quoteError,
    });
  else if (row.length !== width)
    issues.push({
      line,
      field: null,
      code: "field-count",
      severity: "error",
      message: `row has ${row.length} fields; the header has ${width}`,
    });
  const secret = cell(row, index.secretKey);
  return {
    line,
    values: {
      upn: cell(row, index.upn),
      serialNumber: cell(row, index.serialNumber),
      timeIntervalInSeconds: cell(row, index.timeIntervalInSeconds),
      manufacturer: cell(row, index.manufacturer),
      model: cell(row, index.model),
      hashFunction: cell(row, index.hashFunction),
      displayName: cell(row, index.displayName),
      digits: cell(row, index.digits),
      tokenType: cell(row, index.tokenType),
      counter: cell(row, index.counter),
    },
    secret: secret === undefined ? undefined : { kind: "text", text: secret },
    issues,
    cells: row,
  };
}

function cell(row: Row, i: number): string | undefined {
  if (i < 0) return undefined;
  return unquoteFormula(row[i]?.trim() ?? "");
}

function isEmptyRow(row: Row): boolean {
  if (row[0] !== "" && row[0]?.trim() !== "") return false;
  return row.every((c) => c.trim() === "");
}

function lineBreaksIn(row: Row): number {
  let count = 0;
  for (const c of row) {
    if (c.length === 0 || (c.indexOf("\n") < 0 && c.indexOf("\r") < 0)) continue;
    count += c.match(/\r\n|\r|\n/gu)?.length ?? 0;
  }
  return count;
}

function quoteErrorsByRow(errors: readonly Papa.ParseError[]): Map<number, string> {
  const byRow = new Map<number, string>();
  for (const e of errors) {
    if (e.type !== "Quotes" || e.row === undefined || byRow.has(e.row)) continue;
    byRow.set(
      e.row,
      e.code === "MissingQuotes"
        ? "a quoted field is never closed; the rest of the file was read into it"
        : "a quoted field has text after its closing quote",
    );
  }
  return byRow;
}
