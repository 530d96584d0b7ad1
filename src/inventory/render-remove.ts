import type { RemoveEvent } from "./remove-events.js";
import { printable } from "./text-table.js";

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
        `${c.alreadyGone} not in the tenant`,
      ];
      return `Plan${event.dryRun ? " (dry run, nothing will be written)" : ""}: ${parts.join(", ")}.`;
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
          : `Done: ${c.deleted} deleted, ${c.unassigned} unassigned, ${c.alreadyGone} already gone${s.mode === "unassign-only" ? `, ${c.alreadyUnassigned} already unassigned` : ""}, ${c.failed} failed${c.notAttempted > 0 ? `, ${c.notAttempted} not attempted` : ""}.`,
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
