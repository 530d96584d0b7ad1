import { csvCell } from "../files/csv-cell.js";
import type { HolderReport } from "../events/inventory.js";
import type { InventoryToken } from "../events/inventory.js";

/**
CSV files meant to be opened in Excel: a UTF-8 byte-order mark (without it Excel reads UTF-8 as
the ANSI code page and mangles non-ASCII UPNs), CRLF line ends, RFC 4180 quoting, and every cell
that starts with = + - @ TAB or CR prefixed with a quote so it is never run as a formula. Columns
use the Graph property names, so `remove --file` can read the serials back.
*/
export const utf8Bom = "\uFEFF";

const inventoryColumns = [
  "serialNumber",
  "manufacturer",
  "model",
  "hashFunction",
  "timeIntervalInSeconds",
  "status",
  "userPrincipalName",
  "userId",
  "lastUsedDateTime",
  "id",
] as const;

export function renderInventoryCsv(tokens: readonly InventoryToken[]): string {
  return csv(
    inventoryColumns,
    tokens.map((t) => [
      t.serialNumber,
      t.manufacturer,
      t.model,
      t.hashFunction,
      String(t.timeIntervalInSeconds),
      t.status,
      t.assignedTo?.userPrincipalName ?? "",
      t.assignedTo?.id ?? "",
      t.lastUsedDateTime ?? "",
      t.id,
    ]),
  );
}

const holderColumns = [
  "userPrincipalName",
  "userId",
  "multipleTokens",
  "serialNumber",
  "manufacturer",
  "model",
  "status",
  "lastUsedDateTime",
] as const;

/** One row per held token, grouped by holder. */
export function renderHolderCsv(report: HolderReport): string {
  return csv(
    holderColumns,
    report.holders.flatMap((h) =>
      h.tokens.map((t) => [
        h.userPrincipalName ?? "",
        h.id,
        h.multipleTokens ? "yes" : "no",
        t.serialNumber,
        t.manufacturer,
        t.model,
        t.status,
        t.lastUsedDateTime ?? "",
      ]),
    ),
  );
}

/** A whole CSV document with BOM and CRLF, every cell escaped. */
export function csv(columns: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [columns, ...rows].map((row) => row.map((cell) => csvCell(cell)).join(","));
  return `${utf8Bom}${lines.join("\r\n")}\r\n`;
}
