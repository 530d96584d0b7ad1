import type { InventoryToken, InventoryTotals } from "../events/inventory.js";
import { compareText } from "./list-inventory.js";

export function inventoryTotals(tokens: readonly InventoryToken[]): InventoryTotals {
  return {
    byStatus: countBy(tokens, (t) => t.status),
    byModel: countBy(tokens, (t) => t.model),
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  // A null-prototype object: a model named "__proto__" is just a key.
  const out = Object.create(null) as Record<string, number>;
  for (const k of [...counts.keys()].sort(compareText)) out[k] = counts.get(k) ?? 0;
  return out;
}
