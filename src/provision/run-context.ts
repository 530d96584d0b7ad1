import type { ProvisionDeps, ProvisionOptions } from "./context.js";
import type { Journal } from "./journal.js";
import type { WritePacer } from "./write-pacer.js";

/** Shared by the phases of one run. */
export type RunContext = {
  deps: ProvisionDeps;
  options: ProvisionOptions;
  journal: Journal;
  pacer: WritePacer;
};

/** A token's failure as the report shows it: a stable code, a scrubbed message, the request id. */
export type Failure = { code: string; message: string; requestId: string | null };

/** Exponential backoff with full jitter (reliability.md §2.4), for unclear results. */
export function backoffMs(
  attempt: number,
  random: () => number,
  baseMs = 500,
  capMs = 15_000,
): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
