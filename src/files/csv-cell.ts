/**
Cells that a spreadsheet would run as a formula (starting with `= + - @`, TAB or CR) get a leading
`'` (OWASP ASVS 1.2.10): serials, UPNs and display names come from vendors and users.
*/
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

/**
The reverse, for oathkit's readers: a cell oathkit neutralised (`'` before one of those characters,
as in a failures file) reads as it was. Trimmed again: the quote may have hidden a leading TAB.
*/
export function unquoteFormula(value: string): string {
  return /^'[=+\-@\t\r]/u.test(value) ? value.slice(1).trim() : value;
}

/**
One CSV cell (RFC 4180 quoting), made spreadsheet-safe — except secret cells, which must stay
exactly as they are (a Base32 or hex seed never starts with one of those characters anyway).
*/
export function csvCell(
  value: string,
  options: { secret?: boolean; delimiter?: string } = {},
): string {
  const delimiter = options.delimiter ?? ",";
  const cell = options.secret === true ? value : spreadsheetSafe(value);
  return /["\r\n]/u.test(cell) || cell.includes(delimiter)
    ? `"${cell.replaceAll('"', '""')}"`
    : cell;
}
