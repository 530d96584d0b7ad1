import type { HolderReport, InventoryToken, TokenHolder } from "../events/inventory.js";
import { compareText } from "./list-inventory.js";

/** Who holds which token (docs/inventory.md): one entry per user, sorted by UPN. */
export function holderReport(tokens: readonly InventoryToken[]): HolderReport {
  const byUser = new Map<string, TokenHolder>();
  let unassignedTokens = 0;
  for (const t of tokens) {
    if (t.assignedTo === null) {
      unassignedTokens += 1;
      continue;
    }
    let holder = byUser.get(t.assignedTo.id);
    if (holder === undefined) {
      holder = {
        id: t.assignedTo.id,
        userPrincipalName: t.assignedTo.userPrincipalName,
        multipleTokens: false,
        tokens: [],
      };
      byUser.set(t.assignedTo.id, holder);
    }
    holder.tokens.push({
      id: t.id,
      serialNumber: t.serialNumber,
      manufacturer: t.manufacturer,
      model: t.model,
      status: t.status,
      lastUsedDateTime: t.lastUsedDateTime,
    });
  }
  const holders = [...byUser.values()]
    .map((h) => ({ ...h, multipleTokens: h.tokens.length > 1 }))
    .sort((a, b) =>
      compareText(a.userPrincipalName ?? `~${a.id}`, b.userPrincipalName ?? `~${b.id}`),
    );
  return {
    holders,
    totals: {
      holders: holders.length,
      multipleTokenHolders: holders.filter((h) => h.multipleTokens).length,
      unassignedTokens,
    },
  };
}
