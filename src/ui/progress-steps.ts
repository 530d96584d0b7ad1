import type { Phase, TokenStep } from "../events/provision-events.js";
import { bump, end, etaMs, isTracked } from "./phase-progress.js";
import type { ProgressState } from "./progress-state.js";
import { withUpn } from "./upn-index.js";

/** How a phase starting and a token's step move the progress: the reducer's larger cases. */

export function startPhase(
  state: ProgressState,
  phase: Phase,
  total: number,
  at: number,
): ProgressState {
  let phases = state.phases;
  if (state.phase !== null && isTracked(state.phase) && state.phase !== phase)
    phases = end(phases, state.phase, at, state.stopping);
  if (isTracked(phase))
    phases = { ...phases, [phase]: { total, done: 0, startedAt: at, finishedAt: null } };
  return { ...state, phase, phases, etaMs: null, throttle: null };
}

export function onToken(
  state: ProgressState,
  serialNumber: string,
  upn: string | null,
  step: TokenStep,
): ProgressState {
  const counts = { ...state.counts };
  let phases = state.phases;
  if (step === "created" || step === "reconciled") {
    counts.created += 1;
    phases = bump(phases, "create");
  } else if (step === "activated") {
    counts.activated += 1;
    phases = bump(phases, "activate");
  } else if (step === "assigned" && (state.plan?.counts.activate ?? 0) === 0) {
    // A token being activated is assigned first: it counts (and is done) when activated.
    counts.assigned += 1;
    phases = bump(phases, "activate");
  }
  return {
    ...state,
    counts,
    phases,
    throttle: null,
    recent: { serialNumber, upn, step },
    upns: withUpn(state.upns, serialNumber, upn),
  };
}

export function withEta(state: ProgressState, at: number): ProgressState {
  const phase = state.phase;
  if (phase === null || !isTracked(phase)) return state;
  return { ...state, etaMs: etaMs(state.phases[phase], at) };
}
