import { msLeftInStep, timeStep } from "../totp.js";
import type { TimeInterval } from "../token-fields.js";

/**
The step-edge rule: a code is only sent when enough of its time step is left for it to arrive
inside that step, and never for a step at or before one already sent for the same token (so no
retry ever re-sends a stale or spent code). Returns how long to wait before computing the code.
*/
export function waitBeforeCode(
  serverNowMs: number,
  step: TimeInterval,
  guardMs: number,
  lastSentStep: number | null,
): number {
  const stepMs = step * 1000;
  let at = serverNowMs;
  if (lastSentStep !== null && timeStep(at, step) <= lastSentStep) {
    at = (lastSentStep + 1) * stepMs;
  }
  if (msLeftInStep(at, step) < Math.min(guardMs, stepMs / 2)) {
    at += msLeftInStep(at, step);
  }
  // Land a little after the boundary so the computed step is unambiguous.
  return at === serverNowMs ? 0 : at - serverNowMs + 50;
}

/**
The guard before a step ends: the clock estimate's uncertainty, the expected request latency (a
full round trip, where only the request's way there matters) and a one-second safety margin.
*/
export function stepGuardMs(uncertaintyMs: number, expectedLatencyMs: number): number {
  return uncertaintyMs + expectedLatencyMs + 1_000;
}
