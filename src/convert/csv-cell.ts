/**
One CSV cell (RFC 4180 quoting). Cells that a spreadsheet would run as a formula (starting with
`= + - @`, TAB or CR) get a leading `'` (OWASP ASVS 1.2.10) — except secret cells, which must stay
exactly as they are (a Base32 seed never starts with one of those characters anyway).
*/
export function csvCell(value: string, options: { secret?: boolean } = {}): string {
  let cell = value;
  if (options.secret !== true && /^[=+\-@\t\r]/u.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
