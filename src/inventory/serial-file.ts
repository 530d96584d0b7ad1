import Papa from "papaparse";
import { InputFileError, UsageError } from "../errors.js";
import { isHeaderLine } from "../files/report-header.js";
import { columnField } from "../seed-file/csv/columns.js";
import { readBoundedText } from "../seed-file/bounded-read.js";
import { checkPermissions, type PermissionOptions } from "../seed-file/permissions.js";
import { looksLikeSecret } from "../secrets/secret-like.js";

/**
The serials of `remove --file`: an oathkit report or list export (`serialNumber` column), or any
CSV list of serials. Serials go to the screen, the report and Graph (`$filter=serialNumber eq …`),
so no seed may be among them: a file with a seed column is refused, and so is one whose serial
column holds anything that looks like key material (a column-shifted seed file) — without
echoing it. The file gets the seed-file rules all the same: private (mode 0600, unless
--allow-insecure-permissions), a regular file, at most `limits.wholeFileBytes`, text.

Feitian text and PSKC files have no serial column; pass their serials as arguments.
*/
export async function readSerialFile(path: string, options: PermissionOptions): Promise<string[]> {
  // First only what reading needs (a regular file: not /dev/zero); the mode is checked once the
  // header shows it is not a seed file, so a seed file is refused as that before any chmod advice.
  await checkPermissions(path, { ...options, allowInsecurePermissions: true });
  const text = await readBoundedText(path, "serial files");
  // eslint-disable-next-line no-control-regex -- control characters mean binary data
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u.test(text))
    throw refused(path, "it holds binary data or control characters");
  const body = withoutReportHeader(text.replace(/^\uFEFF/u, ""));
  const headerLine = body.split(/\r\n|\n|\r/u).find((line) => line.trim() !== "") ?? "";
  const delimiter =
    [",", ";", "\t"].map((d) => ({ d, n: headerLine.split(d).length })).sort((a, b) => b.n - a.n)[0]
      ?.d ?? ",";
  const headers = headerLine.split(delimiter).map((h) => columnField(h.replace(/["']/gu, "")));
  if (headers.includes("secretKey"))
    throw refused(
      path,
      "it has a secret key column, so it is a seed file; remove never reads a file of seeds",
    );
  const column = headers.indexOf("serialNumber");
  if (column < 0) throw refused(path, "no serial number column was found in its header");
  await checkPermissions(path, options);

  const serials: string[] = [];
  let line = 0;
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: "greedy",
    step: (row) => {
      line += 1;
      if (line === 1) return;
      const serial = unescapeSpreadsheet((row.data[column] ?? "").trim());
      if (looksLikeSecret(serial))
        throw refused(
          path,
          `the serial column of its row ${line} holds a value that looks like a secret key (not shown): is this a seed file with shifted columns?`,
        );
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

/**
Serials typed as arguments go to Graph too: a pasted seed is refused (argument N, not shown).
*/
export function checkSerialArguments(serials: readonly string[]): void {
  const at = serials.findIndex(looksLikeSecret);
  if (at >= 0)
    throw new UsageError(
      `Argument ${at + 1} looks like a secret key, not a serial number (not shown); nothing was sent.`,
      { hint: "Pass the serial numbers printed on the tokens, or --file with an oathkit report." },
    );
}

/** Undo the quote oathkit's reports put before a cell a spreadsheet would run as a formula. */
export function unescapeSpreadsheet(cell: string): string {
  return /^'[=+\-@\t\r]/u.test(cell) ? cell.slice(1) : cell;
}

function refused(path: string, why: string): InputFileError {
  return new InputFileError(`${path} cannot be used: ${why}.`, {
    hint: 'Give a CSV with a serialNumber (or "serial number") column — an oathkit report or list export — or pass the serials as arguments.',
  });
}
