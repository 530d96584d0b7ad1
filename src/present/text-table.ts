import { printable } from "./printable.js";

/**
Plain-text tables for the terminal and for pipes. Every cell comes from the tenant, so control
characters (an ANSI escape in a model name) are replaced before they reach a terminal.
*/
export function textTable(
  columns: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  const clean = [columns, ...rows].map((row) => row.map(printable));
  // A loop, not Math.max(...all): a spread of a few hundred thousand rows throws a RangeError.
  const widths = columns.map(() => 0);
  for (const row of clean)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return clean
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** `available 3, assigned 2` from a count record. */
export function countsLine(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([k, n]) => `${printable(k)} ${n}`);
  return parts.length === 0 ? "none" : parts.join(", ");
}
