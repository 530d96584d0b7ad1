import type { Phase, ProvisionEvent, RunEvent, TokenStep } from "../events/provision-events.js";
import type { FinalState, Stage, Summary } from "../events/run-summary.js";
import type { PlanCounts } from "../events/counts.js";
import { rejectedCount } from "../events/counts.js";
import type { Intent } from "../events/intents.js";
import { emptyUpnIndex, lookupUpn, withUpn, type UpnIndex } from "./upn-index.js";
import { onToken, startPhase, withEta } from "./progress-steps.js";
import {
  bump,
  complete,
  end,
  isTracked,
  phaseOfStage,
  type PhaseProgress,
  type Phases,
} from "./phase-progress.js";
import { validationView, type ValidationView } from "./validation-view.js";

export type FinishedRow = { serialNumber: string; upn: string | null; state: FinalState };

export type RejectedRowView = {
  line: number;
  serialNumber: string;
  upn: string | null;
  code: string;
  message: string;
};

export type ProgressState = {
  /** The phase the core announced last; null before the first event. */
  phase: Phase | null;
  phases: Phases;
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
  /**
  Where the plan the run goes on with is printed among the finished rows (their count when the
  first write phase started): kept above the progress, in `<Static>`; null until then.
  */
  planAt: number | null;
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
  planAt: null,
  decision: null,
  summary: null,
  fatal: null,
};

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
    case "phase": {
      const started = startPhase(state, action.phase, action.total, at);
      const leavesPlan = state.phase === "plan" && action.phase !== "plan";
      return leavesPlan && state.plan !== null && !state.plan.dryRun && state.planAt === null
        ? { ...started, planAt: state.finished.length }
        : started;
    }
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
            ? end(state.phases, state.phase, at, state.stopping || action.summary.interrupted)
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

function withoutType<T extends { type: string }>(event: T): Omit<T, "type"> {
  const copy: Partial<T> = { ...event };
  delete copy.type;
  return copy as Omit<T, "type">;
}
