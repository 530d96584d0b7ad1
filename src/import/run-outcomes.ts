import type { Device } from "../graph/port.js";
import type { ActivateResult } from "../activate/assign-and-activate.js";
import type { CreateResult } from "./create-tokens.js";
import { blank, tokenOutcome } from "./outcome.js";
import type { Plan } from "./plan.js";
import type { RunCounts } from "../events/counts.js";
import type { ImportMode, TokenOutcome } from "../events/run-summary.js";
import type { RejectedRow } from "./rejected-row.js";
import type { Token } from "../validate/token-schema.js";

/** A row for the failures file, in the input's order. */
export type RetryRow = {
  line: number;
  serialNumber: string | null;
  cells?: readonly string[] | undefined;
};

export type RunResults = {
  written: boolean;
  interrupted: boolean;
  created: ReadonlyMap<string, CreateResult>;
  activated: ReadonlyMap<string, ActivateResult>;
  /** What the tenant read back at the end, per serial. */
  devices: ReadonlyMap<string, Device | null>;
};

/**
Every row of the file with its final state (pure): rejected by validation or pre-flight, already
done, or the outcome of this run's work as the tenant reads it back. Sorted by line.
*/
export function runOutcomes(
  input: { rejectedRows: readonly RejectedRow[] },
  plan: Plan,
  run: { command: "import" | "activate"; mode: ImportMode; resumable: boolean },
  results: RunResults,
): { outcomes: TokenOutcome[]; retry: RetryRow[] } {
  const outcomes: TokenOutcome[] = [];
  const retry: RetryRow[] = [];
  for (const r of input.rejectedRows) {
    outcomes.push({
      line: r.line,
      serialNumber: r.serialNumber ?? "",
      upn: r.upn,
      deviceId: null,
      state: "rejected",
      status: null,
      stage: "validate",
      errorCode: r.code,
      message: r.message,
      requestId: null,
    });
    retry.push(r);
  }
  for (const r of plan.rejected) {
    const { token } = r;
    outcomes.push({ ...rejected(token), errorCode: r.code, message: r.message });
    retry.push({ line: token.line, serialNumber: token.serialNumber, cells: token.cells });
  }
  for (const s of plan.skipped) {
    outcomes.push({
      ...blank(s.token, "already-done"),
      deviceId: s.device?.id ?? null,
      status: s.device?.status ?? null,
      message: s.reason,
    });
  }
  for (const p of plan.done) {
    outcomes.push({
      ...blank(p.token, "already-done"),
      deviceId: p.device?.id ?? null,
      status: p.device?.status ?? null,
      message: "finished by an earlier run of this job",
    });
  }
  for (const p of plan.work) {
    const serial = p.token.serialNumber;
    const outcome = tokenOutcome(
      p,
      results.created.get(serial),
      results.activated.get(serial),
      results.devices.get(serial) ?? null,
      { ...run, written: results.written, interrupted: results.interrupted },
    );
    outcomes.push(outcome);
    if (outcome.state === "failed")
      retry.push({ line: p.token.line, serialNumber: serial, cells: p.token.cells });
  }
  outcomes.sort((a, b) => a.line - b.line);
  retry.sort((a, b) => a.line - b.line);
  return { outcomes, retry };
}

function rejected(token: Token): TokenOutcome {
  return { ...blank(token, "rejected"), stage: "preflight" };
}

/** The run's counts (run-counts.ts) from its outcomes: each row is counted in exactly one state. */
export function countOutcomes(
  rows: number,
  outcomes: readonly TokenOutcome[],
  created: ReadonlyMap<string, CreateResult>,
): RunCounts {
  const count = (test: (o: TokenOutcome) => boolean): number => outcomes.filter(test).length;
  return {
    rows,
    rejectedByValidation: count((o) => o.state === "rejected" && o.stage === "validate"),
    rejectedByPreflight: count((o) => o.state === "rejected" && o.stage === "preflight"),
    alreadyDone: count((o) => o.state === "already-done"),
    created: [...created.values()].filter((r) => r.ok).length,
    assigned: count((o) => o.state === "assigned"),
    activated: count((o) => o.state === "activated"),
    available: count((o) => o.state === "available"),
    failed: count((o) => o.state === "failed"),
    notAttempted: count((o) => o.state === "not-attempted"),
  };
}
