import type { Device } from "../graph/port.js";
import type { ActivateResult } from "../activate/assign-and-activate.js";
import type { CreateResult } from "./create-tokens.js";
import type { PlannedToken } from "./plan.js";
import type { ImportMode, TokenOutcome } from "../events/run-summary.js";
import type { Token } from "../validate/token-schema.js";

export function createdId(result: CreateResult | undefined): string | null {
  return result?.ok === true ? result.device.id : null;
}

export function blank(token: Token, state: TokenOutcome["state"]): TokenOutcome {
  return {
    line: token.line,
    serialNumber: token.serialNumber,
    upn: token.upn,
    deviceId: null,
    state,
    status: null,
    stage: null,
    errorCode: null,
    message: null,
    requestId: null,
  };
}

/** What a rerun does for a token this run left (Summary.resumable: not with --emulator). */
const rerun = (resumable: boolean, to: string): string =>
  resumable
    ? `run the same command again to ${to}`
    : "--emulator starts a new tenant every run, so there is nothing to resume";

/**
A token's final state, decided from what the tenant reads back — not from what the requests
promised (docs/provisioning.md). A request that "succeeded" but reads back otherwise is a failure.
*/
export function tokenOutcome(
  p: PlannedToken,
  created: CreateResult | undefined,
  activated: ActivateResult | undefined,
  device: Device | null,
  run: {
    command: "import" | "activate";
    mode: ImportMode;
    written: boolean;
    interrupted: boolean;
    resumable: boolean;
  },
): TokenOutcome {
  const base: TokenOutcome = {
    ...blank(p.token, "failed"),
    deviceId: device?.id ?? p.device?.id ?? null,
    status: device?.status ?? null,
    ...(activated?.driftSeconds === undefined ? {} : { driftSeconds: activated.driftSeconds }),
  };
  if (!run.written) return { ...base, state: "not-attempted", message: "dry run: nothing written" };
  if (created?.ok === false) {
    return {
      ...base,
      state: "failed",
      stage: "create",
      errorCode: created.failure.code,
      message: created.failure.message,
      requestId: created.failure.requestId,
    };
  }
  if (activated?.ok === false) {
    const f = activated.failure;
    return {
      ...base,
      state: "failed",
      stage: p.activate ? "activate" : "assign",
      errorCode: f.code,
      message: f.message,
      requestId: f.requestId,
    };
  }
  if (activated?.ok === "left")
    return {
      ...base,
      state: "not-attempted",
      message: `${activated.reason}; ${rerun(run.resumable, "activate it")}`,
    };
  // Stopped before this token's steps were all sent: not a failure, a step not attempted.
  const mismatch = (message: string): TokenOutcome =>
    run.interrupted
      ? {
          ...base,
          state: "not-attempted",
          message: `the run stopped before this token's remaining steps; ${rerun(run.resumable, "resume")}`,
        }
      : { ...base, state: "failed", stage: "verify", errorCode: "verify-mismatch", message };
  if (device === null) return mismatch("the token could not be read back from the tenant");
  const held = p.user !== null && device.assignedTo?.id === p.user.id;
  const wantActive = run.command === "activate" || run.mode === "activate";
  const wantAssigned = wantActive || run.mode === "assign";
  if (wantActive && !(device.status === "activated" && held)) {
    return mismatch(
      `read back as ${device.status}${held ? "" : " and not held by the expected user"}`,
    );
  }
  if (wantAssigned && !held) return mismatch("read back without the expected user");
  return {
    ...base,
    state: device.status === "activated" ? "activated" : held ? "assigned" : "available",
  };
}
