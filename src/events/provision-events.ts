import type { Issue } from "../issues/issue.js";
import type { FinalState, Stage, Summary } from "./run-summary.js";
import type { PlanCounts } from "./counts.js";
import type { RunTarget } from "./run-target.js";

/**
Everything the provisioning core reports, as one union. Events carry serials, UPNs, ids and
counts — never a seed or a code — so any sink (the ink UI, NDJSON, a log) is safe. The UI folds
them with a pure reducer; `--json` prints them one per line.
*/
export type Phase = "validate" | "preflight" | "plan" | "create" | "activate" | "verify" | "report";

export type ProvisionEvent =
  | { type: "phase"; phase: Phase; total: number }
  | {
      type: "validated";
      file: string;
      format: string;
      seedEncoding: string;
      rows: number;
      valid: number;
      rejected: number;
      issues: Issue[];
    }
  | {
      type: "preflight";
      /** Which command ran: what `alreadyPresent` counts reads differently for each. */
      command: "import" | "activate";
      /** The tenant, Graph host and signed-in identity the run writes to (run-target.ts). */
      target: RunTarget;
      policyState: string;
      clock: { source: "local" | "server"; offsetMs: number; uncertaintyMs: number | null };
      /** Left as they are: `import` — serials already in the tenant; `activate` — already active. */
      alreadyPresent: number;
      resumed: number;
    }
  | {
      type: "row-rejected";
      line: number;
      serialNumber: string;
      upn: string | null;
      code: string;
      message: string;
    }
  | { type: "plan"; counts: PlanCounts; dryRun: boolean }
  | {
      type: "token";
      serialNumber: string;
      upn: string | null;
      step: TokenStep;
      deviceId: string | null;
    }
  | {
      type: "token-failed";
      serialNumber: string;
      upn: string | null;
      stage: Stage;
      code: string;
      message: string;
      requestId: string | null;
    }
  | { type: "throttled"; retryAfterMs: number; stage: Stage }
  | {
      type: "retry";
      serialNumber: string;
      stage: Stage;
      attempt: number;
      delayMs: number;
      reason: string;
    }
  | { type: "warning"; code: string; message: string }
  /** A token's final state; its row's UPN too, so a token no step reached still shows its user. */
  | { type: "finished"; serialNumber: string; upn: string | null; state: FinalState }
  | { type: "summary"; summary: Summary };

export type TokenStep =
  "created" | "reconciled" | "assigned" | "activated" | "verified" | "skipped";

export type Emit = (event: ProvisionEvent) => void;

/**
A fatal condition, for the banner: one sentence and what to do next (an `OathkitError`'s
message and hint). The controller pushes it when the run cannot go on.
*/
export type FatalEvent = { type: "fatal"; message: string; hint: string | null };

/** Everything the run screens fold: the core's events plus the fatal banner. */
export type RunEvent = ProvisionEvent | FatalEvent;
