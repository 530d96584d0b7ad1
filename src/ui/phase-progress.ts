import type { Phase } from "../events/provision-events.js";
import type { Stage } from "../events/run-summary.js";

/** The phases shown with a progress bar, in order, and each one's progress (pure helpers). */
export const trackedPhases = ["preflight", "create", "activate", "verify"] as const;
export type TrackedPhase = (typeof trackedPhases)[number];

export type PhaseProgress = {
  total: number;
  done: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Ended by a stop (Ctrl-C, q) before its last token: `done` is what it did. */
  stopped?: boolean;
};

export type Phases = Readonly<Record<TrackedPhase, PhaseProgress>>;

/** Below this much elapsed time a rate is noise, so no ETA is given. */
const minElapsedForEtaMs = 1_000;

/** Time left in a phase from its rate so far; null until it can be estimated. */
export function etaMs({ total, done, startedAt }: PhaseProgress, at: number): number | null {
  if (startedAt === null || done === 0 || at - startedAt < minElapsedForEtaMs) return null;
  return Math.round(((total - done) * (at - startedAt)) / done);
}

export function bump(phases: Phases, phase: TrackedPhase): Phases {
  const p = phases[phase];
  return { ...phases, [phase]: { ...p, done: Math.min(p.total, p.done + 1) } };
}

export function complete(phases: Phases, phase: TrackedPhase, at: number): Phases {
  const p = phases[phase];
  if (p.finishedAt !== null) return phases;
  return { ...phases, [phase]: { ...p, done: p.total, finishedAt: at } };
}

/** Phases whose bar moves token by token; the others fill when they end. */
export const countedPhases: ReadonlySet<TrackedPhase> = new Set(["create", "activate"]);

/**
A phase ends: complete, unless the run was stopping and a counted phase had tokens left; then it
is shown stopped with the tokens it did, not filled as if it had finished them.
*/
export function end(phases: Phases, phase: TrackedPhase, at: number, stopping: boolean): Phases {
  const p = phases[phase];
  if (!stopping || !countedPhases.has(phase) || p.done >= p.total || p.finishedAt !== null)
    return complete(phases, phase, at);
  return { ...phases, [phase]: { ...p, finishedAt: at, stopped: true } };
}

export function phaseOfStage(stage: Stage): TrackedPhase | null {
  if (stage === "create") return "create";
  if (stage === "assign" || stage === "activate") return "activate";
  return null;
}

export function isTracked(phase: Phase): phase is TrackedPhase {
  return (trackedPhases as readonly Phase[]).includes(phase);
}
