import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { InputFileError } from "../errors.js";
import { isHeaderLine } from "../files/report-header.js";

/**
The serials of `remove --file`: a seed file (Entra/Token2 CSV, Graph-property CSV) or a report
oathkit wrote (`serialNumber` column). Only the serial column is kept; every other cell, the seeds
included, is dropped row by row and never stored, printed or logged.

This is a deliberately small reader, not the validate stage's: it needs one column and no
validation. Feitian text and PSKC files have no serial column; pass their serials as arguments.
*/
export function readSerialFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputFileError(`Cannot read ${path}.`, {
      hint: "Check the path and that you may read the file.",
      cause: error,
    });
  }
  if (text.includes("\u0000")) throw noSerialColumn(path, "it is not a UTF-8 text file");
  text = withoutReportHeader(text.replace(/^\uFEFF/u, ""));
  const headerLine = text.split(/\r\n|\n|\r/u).find((line) => line.trim() !== "") ?? "";
  const delimiter = [",", ";", "\t"]
    .map((d) => ({ d, n: headerLine.split(d).length }))
    .sort((a, b) => b.n - a.n)[0]?.d;
  const headers = headerLine.split(delimiter ?? ",").map(normaliseHeader);
  const column = headers.findIndex((h) => h === "serialnumber" || h === "serial");
  if (column < 0) throw noSerialColumn(path, "no serial number column was found in its header");

  const serials: string[] = [];
  let header = true;
  Papa.parse<string[]>(text, {
    delimiter: delimiter ?? ",",
    skipEmptyLines: "greedy",
    step: (row) => {
      if (header) {
        header = false;
        return;
      }
      const serial = unescapeSpreadsheet((row.data[column] ?? "").trim());
      if (serial !== "") serials.push(serial);
    },
  });
  return serials;
}

/** An oathkit report starts with `# name,value` lines (its audit header): the table follows them. */
function withoutReportHeader(text: string): string {
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (!isHeaderLine(line) && line.trim() !== "") return text.slice(start);
    if (end < 0) return "";
    start = end + 1;
  }
}

/** Header names match case-insensitively, ignoring spaces, underscores, dashes and quotes. */
function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_\-"']/gu, "");
}

/** Undo the quote oathkit's reports put before a cell a spreadsheet would run as a formula. */
export function unescapeSpreadsheet(cell: string): string {
  return /^'[=+\-@\t\r]/u.test(cell) ? cell.slice(1) : cell;
}

function noSerialColumn(path: string, why: string): InputFileError {
  return new InputFileError(`${path} cannot be used: ${why}.`, {
    hint: 'Give a CSV with a serialNumber (or "serial number") column — a seed file or an oathkit report — or pass the serials as arguments.',
  });
}
