import type { FaultKind } from "./options.js";

/**
What happens to one write: nothing, a 503 before it is applied, a connection reset before it is
applied, or a "lost" response after it was applied (a 504 or a dropped connection: the unclear
case an importer must survive). Reads never get faults: they are safe to retry, and the reads an
importer reconciles with must stay trustworthy.
*/
export type FaultPlan =
  { kind: "none" } | { kind: "503" } | { kind: "reset" } | { kind: "lost"; as: "504" | "drop" };

export function planFault(
  rate: number,
  kinds: readonly FaultKind[],
  random: () => number,
): FaultPlan {
  if (rate <= 0 || kinds.length === 0 || random() >= rate) return { kind: "none" };
  const kind = kinds[Math.floor(random() * kinds.length)] ?? "503";
  if (kind === "lost") return { kind: "lost", as: random() < 0.5 ? "504" : "drop" };
  return { kind };
}
