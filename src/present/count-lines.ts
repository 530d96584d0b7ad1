import { plural } from "./plural.js";
import { rejectedCount, type PlanCounts, type RunCounts } from "../events/counts.js";

/** The counts of events/counts.ts in words: plain lines and screens say them alike. */

/** "5 rejected (4 by validation, 1 by pre-flight)" — the same words in every output. */
export function rejectedText(c: PlanCounts | RunCounts): string {
  const total = rejectedCount(c);
  if (total === 0) return "0 rejected";
  return `${total} rejected (${c.rejectedByValidation} by validation, ${c.rejectedByPreflight} by pre-flight)`;
}

/**
What pre-flight's `alreadyPresent` counts, in words: the serials `import` leaves alone because
they are already in the tenant; the tokens `activate` leaves because they are already active.
*/
export function alreadyLeft(command: "import" | "activate"): string {
  return command === "activate" ? "already active" : "already in the tenant";
}

/** The plan, as two lines: what this run will do, then the rest of the rows. */
export function planLines(c: PlanCounts): [string, string] {
  return [
    `${plural(c.rows, "row")}: ${c.toDo} to do (create ${c.create}, assign ${c.assign}, activate ${c.activate})`,
    `${c.alreadyDone} already done, ${rejectedText(c)}`,
  ];
}

/** Why a plan has nothing to do: every row already done, rejected, or some of each. */
export function nothingToDo(c: PlanCounts): string {
  const rejected = rejectedCount(c) > 0;
  if (c.alreadyDone === 0 && rejected) return "Nothing to do: every row was rejected.";
  if (rejected) return "Nothing to do: every row is already done or was rejected.";
  return "Nothing to do: every token is already done.";
}

/** The outcome, as three lines: final states, then problems and the rest, then creates. */
export function outcomeLines(c: RunCounts): [string, string, string] {
  return [
    `${plural(c.rows, "row")}: ${c.activated} activated, ${c.assigned} assigned, ${c.available} available, ${c.alreadyDone} already done`,
    `${c.failed} failed, ${c.notAttempted} not attempted, ${rejectedText(c)}`,
    `${c.created} created by this run`,
  ];
}
