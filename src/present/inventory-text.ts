import type { HolderReport } from "../events/inventory.js";
import type { InventoryToken } from "../events/inventory.js";
import { countsLine, textTable } from "./text-table.js";
import { printable } from "./printable.js";
import type { InventoryTotals } from "../events/inventory.js";

/** `oathkit list` on a terminal or a pipe: the table, then the totals. */
export function renderInventoryText(
  tokens: readonly InventoryToken[],
  totals: InventoryTotals,
): string {
  const rows = tokens.map((t) => [
    t.serialNumber,
    `${t.manufacturer} ${t.model}`,
    t.status,
    holderText(t.assignedTo),
    t.lastUsedDateTime ?? "-",
  ]);
  const table =
    tokens.length === 0
      ? "No hardware OATH tokens match."
      : textTable(["SERIAL", "MODEL", "STATUS", "HOLDER", "LAST USED"], rows);
  return [
    table,
    "",
    `${tokens.length} token${tokens.length === 1 ? "" : "s"}`,
    `  by status: ${countsLine(totals.byStatus)}`,
    `  by model:  ${countsLine(totals.byModel)}`,
    "",
  ].join("\n");
}

/** `oathkit list --by-user`: one block per holder; `*` marks users holding more than one token. */
export function renderHolderText(report: HolderReport): string {
  const rows = report.holders.flatMap((h) =>
    h.tokens.map((t, i) => [
      i === 0 ? `${h.multipleTokens ? "* " : "  "}${holderText(h)}` : "",
      t.serialNumber,
      `${t.manufacturer} ${t.model}`,
      t.status,
      t.lastUsedDateTime ?? "-",
    ]),
  );
  const table =
    rows.length === 0
      ? "No token is assigned to a user."
      : textTable(["  HOLDER", "SERIAL", "MODEL", "STATUS", "LAST USED"], rows);
  const { holders, multipleTokenHolders, unassignedTokens } = report.totals;
  return [
    table,
    "",
    `${holders} holder${holders === 1 ? "" : "s"}; ${multipleTokenHolders} with more than one token (*); ${unassignedTokens} token${unassignedTokens === 1 ? "" : "s"} unassigned`,
    "",
  ].join("\n");
}

function holderText(holder: { id: string; userPrincipalName: string | null } | null): string {
  if (holder === null) return "-";
  return printable(holder.userPrincipalName ?? `(unknown user ${holder.id})`);
}
