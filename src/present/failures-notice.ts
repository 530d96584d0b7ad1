import type { Summary } from "../events/run-summary.js";

/**
What the summary says about the failures file: where it is and, when it holds seeds, that it does
and to delete it once used; or that this job's earlier one was deleted, its rows being done.
*/
export function failuresNotice(s: Summary): string[] {
  const lines: string[] = [];
  if (s.failuresPath !== null) {
    lines.push(`Rows to retry: ${s.failuresPath}`);
    if (s.failuresHoldSeeds)
      lines.push(
        "  It holds the seeds of those rows (mode 0600): delete it once you have used it.",
      );
  }
  if (s.failuresRemoved !== null)
    lines.push(`Deleted ${s.failuresRemoved}: none of its rows is left to retry.`);
  return lines;
}
