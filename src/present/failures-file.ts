import { csvCell, spreadsheetSafe } from "../files/csv-cell.js";
import type { SourceLayout } from "../seed-file/source-layout.js";

/**
The failures file holds exactly the rows to retry, in the input's own layout, so the admin can fix
them and run the same command on it. For CSV and Feitian input it is a seed file (mode 0600, like
every file oathkit writes). For PSKC input it lists serials only: writing decrypted seeds back to
disk would undo the vendor's encryption; rerunning the command on the original file resumes.

People open it in spreadsheets like the report: every cell a spreadsheet would run as a formula
gets a leading `'` (a seed never starts with one of those characters), and oathkit's readers take
that quote off again, so the file imports exactly the rows it holds.
*/
export function renderFailures(
  layout: SourceLayout,
  rows: ReadonlyArray<{ serialNumber: string | null; cells?: readonly string[] | undefined }>,
): string {
  switch (layout.format) {
    case "csv": {
      const line = (cells: readonly string[]): string =>
        cells.map((c) => csvCell(c, { delimiter: layout.delimiter })).join(layout.delimiter);
      return (
        [
          line(layout.header),
          ...rows.flatMap((r) => (r.cells === undefined ? [] : [line(r.cells)])),
        ].join("\r\n") + "\r\n"
      );
    }
    case "feitian":
      return (
        rows
          .flatMap((r) => (r.cells === undefined ? [] : [r.cells.map(spreadsheetSafe).join(" ")]))
          .join("\n") + "\n"
      );
    case "pskc":
    case "oath-csv":
    case "json":
    case "dualshield":
      return (
        [
          `# serials to retry (run the same command on the original ${layout.format === "pskc" ? "PSKC " : ""}file to resume)`,
          ...rows.map((r) => r.serialNumber ?? ""),
        ].join("\n") + "\n"
      );
  }
}

export function failuresExtension(layout: SourceLayout): string {
  return layout.format === "csv" ? "csv" : "txt";
}
