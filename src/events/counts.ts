/**
The counts of an import/activate run, each defined once (docs/provisioning.md, "Counts"). The plan,
the progress, the summary, the NDJSON events and the report all carry these numbers, and the
plain and terminal presenters word them with present/count-lines.ts, so they cannot disagree.

Every row of the file ends in exactly one of: rejected by validation, rejected by pre-flight,
already done, activated, assigned, available, failed, not attempted — so they add up to `rows`.
`created` counts an action instead: the tokens this run created in the tenant.
*/
export type RunCounts = {
  /** Token rows in the file (not the header, not empty lines). */
  rows: number;
  /** Rows a validation rule rejected: never sent. */
  rejectedByValidation: number;
  /** Valid rows pre-flight rejected (no such user, guest, cap of five, held by another…): never sent. */
  rejectedByPreflight: number;
  /** Nothing to do: in the tenant before this job (left as it is), or finished by an earlier run of it. */
  alreadyDone: number;
  /** Tokens this run created in the tenant (confirmed, or found after an unclear answer). */
  created: number;
  /** Tokens this run left assigned to their user, not activated (`--mode assign`). */
  assigned: number;
  /** Tokens this run activated. */
  activated: number;
  /** Tokens this run left in the inventory, unassigned (`--mode inventory`). */
  available: number;
  /** Tokens this run worked on that ended in a failure. */
  failed: number;
  /** Tokens this run was to work on but did not reach (stopped, or a dry run). */
  notAttempted: number;
};

/** What the plan says before the first write. `toDo` = rows − rejected − already done. */
export type PlanCounts = {
  rows: number;
  rejectedByValidation: number;
  rejectedByPreflight: number;
  alreadyDone: number;
  /** Tokens this run will work on; each needs one or more of the steps below. */
  toDo: number;
  create: number;
  assign: number;
  activate: number;
};

export const rejectedCount = (c: {
  rejectedByValidation: number;
  rejectedByPreflight: number;
}): number => c.rejectedByValidation + c.rejectedByPreflight;
