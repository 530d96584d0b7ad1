import type { PlannedSerial, RemoveEvent } from "../events/remove-events.js";
import { printable } from "./printable.js";
import { targetSentence } from "./run-target-lines.js";

/** One line of plain output per event worth showing, or null. Serials come from the tenant: made printable. */
export function removeEventText(event: RemoveEvent): string | null {
  switch (event.type) {
    case "plan": {
      const c = event.counts;
      const parts = [
        `${c.serials} serial${c.serials === 1 ? "" : "s"}`,
        `${c.unassign} to unassign`,
        ...(event.mode === "remove"
          ? [`${c.delete} to delete`]
          : [`${c.alreadyUnassigned} not assigned`]),
        ...(c.alreadyGone > 0 ? [`${c.alreadyGone} already removed by this job`] : []),
        `${c.notFound} not found`,
      ];
      const head = `Plan${event.dryRun ? " (dry run, nothing will be written)" : ""}: ${parts.join(", ")}.`;
      return [`Writing to ${targetSentence(event.target)}.`, head, ...planList(event.serials)].join(
        "\n",
      );
    }
    case "token":
      return `${event.step === "deleted" ? "deleted   " : "unassigned"}  ${printable(event.serialNumber)}${event.upn === null ? "" : `  (${printable(event.upn)})`}`;
    case "token-failed":
      return `failed      ${printable(event.serialNumber)}  at ${event.stage}: ${printable(event.message)}${event.requestId === null ? "" : ` (request ${event.requestId})`}`;
    case "throttled":
      return `Throttled by the tenant; waiting ${Math.ceil(event.retryAfterMs / 1000)} s.`;
    case "summary": {
      const s = event.summary;
      const c = s.counts;
      const lines = [
        s.dryRun
          ? "Dry run: nothing was written."
          : `${s.interrupted ? "Stopped" : "Done"}: ${c.deleted} deleted, ${c.unassigned} unassigned, ${c.alreadyGone} already gone${s.mode === "unassign-only" ? `, ${c.alreadyUnassigned} already unassigned` : ""}, ${c.failed} failed${c.notAttempted > 0 ? `, ${c.notAttempted} not attempted` : ""}.`,
        ...(c.notFound > 0
          ? [
              `${c.notFound} serial${c.notFound === 1 ? " was" : "s were"} not found in the tenant: check ${c.notFound === 1 ? "it" : "them"} (the plan above lists ${c.notFound === 1 ? "it" : "them"}).`,
            ]
          : []),
      ];
      if (s.interrupted) lines.push("Stopped early; run the same command again to finish.");
      if (s.reportPath !== null) lines.push(`Report: ${s.reportPath}`);
      return lines.join("\n");
    }
    case "retry":
    case "finished":
      return null;
  }
}

/** The plan shows this many serials; --json and the report list every one. */
export const planListLimit = 50;

const actionText: Record<PlannedSerial["action"], (holder: string | null) => string> = {
  "unassign-delete": (h) => `unassign from ${h ?? "?"}, then delete`,
  delete: () => "delete (not assigned)",
  unassign: (h) => `unassign from ${h ?? "?"}`,
  nothing: () => "not assigned: nothing to do",
  done: () => "already removed by this job",
  "not-found": () => "NOT FOUND in the tenant",
};

/** One line per serial, in the order given: what will be done to it, and who holds it. */
function planList(serials: readonly PlannedSerial[]): string[] {
  const shown = serials.slice(0, planListLimit);
  const width = Math.max(...shown.map((p) => printable(p.serialNumber).length), 6);
  const lines = shown.map(
    (p) =>
      `  ${printable(p.serialNumber).padEnd(width)}  ${printable(actionText[p.action](p.holder))}`,
  );
  const more = serials.length - shown.length;
  if (more > 0) lines.push(`  … and ${more} more (--dry-run --json lists every serial)`);
  return lines;
}
