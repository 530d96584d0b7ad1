import type { Phase, ProvisionEvent, TokenStep } from "../events.js";
import type { FinalState, PlanCounts, Stage, Summary } from "../provision/types.js";
import { rejectedCount } from "../provision/run-counts.js";
import type { Intent } from "./intents.js";
import { emptyUpnIndex, lookupUpn, withUpn, type UpnIndex } from "./upn-index.js";
import { validationView, type ValidationView } from "./validation-view.js";

/** The phases shown with a progress bar, in order. */
export const trackedPhases = ["preflight", "create", "activate", "verify"] as const;
export type TrackedPhase = (typeof trackedPhases)[number];

export type PhaseProgress = {
  total: number;
  done: number;
  startedAt: number | null;
  finishedAt: number | null;
};

export type FinishedRow = { serialNumber: string; upn: string | null; state: FinalState };

export type RejectedRowView = {
  line: number;
  serialNumber: string;
  upn: string | null;
  code: string;
  message: string;
};

/**
A fatal condition, for the banner: one sentence and what to do next (an `OathkitError`'s
message and hint). The controller pushes it when the run cannot go on.
*/
export type FatalEvent = { type: "fatal"; message: string; hint: string | null };

/** Everything the run screens fold: the core's events plus the fatal banner. */
export type RunEvent = ProvisionEvent | FatalEvent;

export type ProgressState = {
  /** The phase the core announced last; null before the first event. */
  phase: Phase | null;
  phases: Readonly<Record<TrackedPhase, PhaseProgress>>;
  /** Live counts, named and defined as in run-counts.ts; the summary's replace them at the end. */
  counts: {
    created: number;
    activated: number;
    assigned: number;
    alreadyDone: number;
    failed: number;
    /** By validation and by pre-flight together. */
    rejected: number;
  };
  validation: ValidationView | null;
  preflight: Omit<Extract<ProvisionEvent, { type: "preflight" }>, "type"> | null;
  plan: { counts: PlanCounts; dryRun: boolean } | null;
  rejectedRows: readonly RejectedRowView[];
  warnings: ReadonlyArray<{ code: string; message: string }>;
  /** Set by a 429: cleared by the next sign of progress. */
  throttle: { retryAfterMs: number; stage: Stage; since: number } | null;
  throttledCount: number;
  lastRetryAfterMs: number | null;
  retries: number;
  lastRetry: { serialNumber: string; stage: Stage; attempt: number; reason: string } | null;
  /** The latest token step, for the live line. */
  recent: { serialNumber: string; upn: string | null; step: TokenStep } | null;
  /** Time left in the current phase, from its rate so far; null until it can be estimated. */
  etaMs: number | null;
  /** Tokens whose final state is known, in order: rendered once, in `<Static>`. */
  finished: readonly FinishedRow[];
  upns: UpnIndex;
  /** The user asked to stop; the run ends after the requests in flight. */
  stopping: boolean;
  /** The user's answer to the plan; null while not asked or not answered. */
  decision: "confirmed" | "declined" | null;
  summary: Summary | null;
  fatal: { message: string; hint: string | null } | null;
};

const idle: PhaseProgress = { total: 0, done: 0, startedAt: null, finishedAt: null };

export const initialProgress: ProgressState = {
  phase: null,
  phases: { preflight: idle, create: idle, activate: idle, verify: idle },
  counts: { created: 0, activated: 0, assigned: 0, alreadyDone: 0, failed: 0, rejected: 0 },
  validation: null,
  preflight: null,
  plan: null,
  rejectedRows: [],
  warnings: [],
  throttle: null,
  throttledCount: 0,
  lastRetryAfterMs: null,
  retries: 0,
  lastRetry: null,
  recent: null,
  etaMs: null,
  finished: [],
  upns: emptyUpnIndex,
  stopping: false,
  decision: null,
  summary: null,
  fatal: null,
};

/** Below this much elapsed time a rate is noise, so no ETA is given. */
const minElapsedForEtaMs = 1_000;

/**
Folds one core event (or a user intent) into the progress state. Pure: `at` is when the action
arrived. Of the intents, `confirm`/`decline` record the answer to the plan and `quit` marks the
run as stopping (the controller does the stopping).
*/
export function reduceProgress(
  state: ProgressState,
  action: RunEvent | Intent,
  at: number,
): ProgressState {
  switch (action.type) {
    case "validated":
      return {
        ...state,
        validation: validationView(action),
        counts: { ...state.counts, rejected: action.rejected },
      };
    case "phase":
      return startPhase(state, action.phase, action.total, at);
    case "preflight":
      return {
        ...state,
        preflight: withoutType(action),
        phases: complete(state.phases, "preflight", at),
      };
    case "row-rejected": {
      return {
        ...state,
        rejectedRows: [...state.rejectedRows, withoutType(action)],
        counts: { ...state.counts, rejected: state.counts.rejected + 1 },
        upns: withUpn(state.upns, action.serialNumber, action.upn),
      };
    }
    case "plan":
      return {
        ...state,
        plan: { counts: action.counts, dryRun: action.dryRun },
        counts: {
          ...state.counts,
          alreadyDone: action.counts.alreadyDone,
          rejected: rejectedCount(action.counts),
        },
      };
    case "token":
      return withEta(onToken(state, action.serialNumber, action.upn, action.step), at);
    case "token-failed": {
      const phase = phaseOfStage(action.stage);
      return withEta(
        {
          ...state,
          counts: { ...state.counts, failed: state.counts.failed + 1 },
          phases: phase === null ? state.phases : bump(state.phases, phase),
          throttle: null,
          upns: withUpn(state.upns, action.serialNumber, action.upn),
        },
        at,
      );
    }
    case "throttled":
      return {
        ...state,
        throttle: { retryAfterMs: action.retryAfterMs, stage: action.stage, since: at },
        throttledCount: state.throttledCount + 1,
        lastRetryAfterMs: action.retryAfterMs,
      };
    case "retry": {
      const { serialNumber, stage, attempt, reason } = action;
      return {
        ...state,
        retries: state.retries + 1,
        lastRetry: { serialNumber, stage, attempt, reason },
      };
    }
    case "warning":
      return {
        ...state,
        warnings: [...state.warnings, { code: action.code, message: action.message }],
      };
    case "finished":
      return {
        ...state,
        finished: [
          ...state.finished,
          {
            serialNumber: action.serialNumber,
            upn: action.upn ?? lookupUpn(state.upns, action.serialNumber) ?? null,
            state: action.state,
          },
        ],
      };
    case "summary":
      return {
        ...state,
        summary: action.summary,
        counts: {
          created: action.summary.counts.created,
          activated: action.summary.counts.activated,
          assigned: action.summary.counts.assigned,
          alreadyDone: action.summary.counts.alreadyDone,
          failed: action.summary.counts.failed,
          rejected: rejectedCount(action.summary.counts),
        },
        throttle: null,
        etaMs: null,
        phases:
          state.phase !== null && isTracked(state.phase)
            ? complete(state.phases, state.phase, at)
            : state.phases,
      };
    case "fatal":
      return { ...state, fatal: { message: action.message, hint: action.hint }, throttle: null };
    case "confirm":
      return state.decision === null ? { ...state, decision: "confirmed" } : state;
    case "decline":
      return state.decision === null ? { ...state, decision: "declined" } : state;
    case "quit":
      return state.summary === null && state.fatal === null ? { ...state, stopping: true } : state;
    default:
      return state;
  }
}

function startPhase(state: ProgressState, phase: Phase, total: number, at: number): ProgressState {
  let phases = state.phases;
  if (state.phase !== null && isTracked(state.phase) && state.phase !== phase)
    phases = complete(phases, state.phase, at);
  if (isTracked(phase))
    phases = { ...phases, [phase]: { total, done: 0, startedAt: at, finishedAt: null } };
  return { ...state, phase, phases, etaMs: null, throttle: null };
}

function onToken(
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

function withEta(state: ProgressState, at: number): ProgressState {
  const phase = state.phase;
  if (phase === null || !isTracked(phase)) return state;
  const { total, done, startedAt } = state.phases[phase];
  if (startedAt === null || done === 0 || at - startedAt < minElapsedForEtaMs)
    return { ...state, etaMs: null };
  return { ...state, etaMs: Math.round(((total - done) * (at - startedAt)) / done) };
}

function bump(phases: ProgressState["phases"], phase: TrackedPhase): ProgressState["phases"] {
  const p = phases[phase];
  return { ...phases, [phase]: { ...p, done: Math.min(p.total, p.done + 1) } };
}

function complete(
  phases: ProgressState["phases"],
  phase: TrackedPhase,
  at: number,
): ProgressState["phases"] {
  const p = phases[phase];
  if (p.finishedAt !== null) return phases;
  return { ...phases, [phase]: { ...p, done: p.total, finishedAt: at } };
}

function phaseOfStage(stage: Stage): TrackedPhase | null {
  if (stage === "create") return "create";
  if (stage === "assign" || stage === "activate") return "activate";
  return null;
}

function withoutType<T extends { type: string }>(event: T): Omit<T, "type"> {
  const copy: Partial<T> = { ...event };
  delete copy.type;
  return copy as Omit<T, "type">;
}

export function isTracked(phase: Phase): phase is TrackedPhase {
  return (trackedPhases as readonly Phase[]).includes(phase);
}
