import type { FailureKind } from "../graph/port.js";
import type { RunTarget } from "./run-target.js";

/**
What `remove` reports as it goes, one union, in the same style as the provisioning events: serials,
ids, UPNs and counts only (a removal never touches a seed). `--json` prints one per line, ending
with `summary`.
*/
export type RemoveMode = "remove" | "unassign-only";

export type RemovePlanCounts = {
  /** Distinct serials asked for. */
  serials: number;
  /** Tokens held by a user, to unassign first. */
  unassign: number;
  /** Tokens to delete from the inventory (0 with --unassign-only). */
  delete: number;
  /** Serials not in the tenant that this job removed (or saw) before: done. */
  alreadyGone: number;
  /** Serials not in the tenant and never seen by this job (mistyped?): exit 1. */
  notFound: number;
  /** With --unassign-only: tokens nobody holds, nothing to do. */
  alreadyUnassigned: number;
};

/**
Where a serial ended. `already-gone`: not in the tenant, but this job saw it before (removed by
an earlier run or by someone else since); `not-found`: not in the tenant and never seen by this
job; `not-attempted`: the run was stopped before it was done.
*/
export type RemoveState =
  | "deleted"
  | "unassigned"
  | "already-gone"
  | "already-unassigned"
  | "not-found"
  | "failed"
  | "not-attempted";

export type RemoveStage = "lookup" | "unassign" | "delete";

export type RemoveSummary = {
  command: "remove";
  mode: RemoveMode;
  dryRun: boolean;
  counts: {
    serials: number;
    deleted: number;
    unassigned: number;
    alreadyGone: number;
    alreadyUnassigned: number;
    notFound: number;
    failed: number;
    notAttempted: number;
  };
  elapsedMs: number;
  reportPath: string | null;
  journalPath: string | null;
  /** Files this run could not write (its report), one sentence each: exit 1, not "nothing done". */
  problems: string[];
  interrupted: boolean;
};

/**
What the plan does with one serial: unassign then delete, delete (nobody holds it), unassign
only, nothing (--unassign-only, nobody holds it), done (gone, removed earlier by this job), or
not found (not in the tenant, and this job never saw it).
*/
export type RemoveAction =
  "unassign-delete" | "delete" | "unassign" | "nothing" | "done" | "not-found";

/** One serial of the plan: what will be done, and who holds the token now (UPN, or the id). */
export type PlannedSerial = {
  serialNumber: string;
  action: RemoveAction;
  holder: string | null;
};

export type RemoveEvent =
  | {
      type: "plan";
      mode: RemoveMode;
      /** The tenant, Graph host and signed-in identity the removal writes to. */
      target: RunTarget;
      counts: RemovePlanCounts;
      /** Every serial with its action and holder, in the order given. */
      serials: PlannedSerial[];
      dryRun: boolean;
    }
  | {
      type: "token";
      serialNumber: string;
      step: "unassigned" | "deleted";
      deviceId: string;
      upn: string | null;
    }
  | {
      type: "token-failed";
      serialNumber: string;
      stage: RemoveStage;
      code: string;
      message: string;
      requestId: string | null;
    }
  | { type: "throttled"; retryAfterMs: number; stage: RemoveStage }
  | { type: "retry"; serialNumber: string; stage: RemoveStage; attempt: number; delayMs: number }
  | { type: "finished"; serialNumber: string; state: RemoveState }
  | { type: "summary"; summary: RemoveSummary };

/** One row of the remove report: never a seed (a removal never sees one). */
export type RemoveOutcome = {
  serialNumber: string;
  state: RemoveState;
  deviceId: string | null;
  userId: string | null;
  upn: string | null;
  stage: RemoveStage | null;
  /** How the failure was classified (port.ts FailureKind). */
  errorKind: FailureKind | null;
  errorCode: string | null;
  message: string | null;
  requestId: string | null;
};
