import { describe, expect, it } from "vitest";
import type { ProvisionEvent } from "../../src/events/provision-events.js";
import {
  initialProgress,
  reduceProgress,
  type ProgressState,
} from "../../src/ui/progress-state.js";
import { planned, summary, token } from "../helpers/ui-fixtures.js";

/** Folds [atMs, event] pairs, as the store does with its clock. */
function fold(
  steps: ReadonlyArray<readonly [number, ProvisionEvent]>,
  from = initialProgress,
): ProgressState {
  return steps.reduce((s, [at, e]) => reduceProgress(s, e, at), from);
}

describe("reduceProgress", () => {
  it("keeps pre-flight and the plan, and completes the pre-flight phase", () => {
    const s = fold(planned);
    expect(s.phase).toBe("plan");
    expect(s.phases.preflight).toEqual({ total: 4, done: 4, startedAt: 0, finishedAt: 500 });
    expect(s.plan).toEqual({
      counts: {
        rows: 5,
        rejectedByValidation: 0,
        rejectedByPreflight: 1,
        alreadyDone: 1,
        toDo: 3,
        create: 3,
        assign: 3,
        activate: 3,
      },
      dryRun: false,
    });
    expect(s.counts).toEqual({
      created: 0,
      activated: 0,
      assigned: 0,
      alreadyDone: 1,
      failed: 0,
      rejected: 1,
    });
    expect(s.rejectedRows).toEqual([
      {
        line: 5,
        serialNumber: "S4",
        upn: "ghost@contoso.example",
        code: "user-not-found",
        message: "no such user",
      },
    ]);
  });

  it("counts steps per phase and estimates the time left from the phase's rate", () => {
    const s = fold([
      ...planned,
      [1_000, { type: "phase", phase: "create", total: 3 }],
      [1_500, token("S1", "created")],
      [2_000, token("S2", "created")],
      [2_000, token("S3", "created")],
      [2_000, { type: "phase", phase: "activate", total: 3 }],
      [2_100, token("S1", "assigned")],
      [3_000, token("S1", "activated")],
      [6_000, token("S2", "assigned")],
      [6_000, token("S2", "activated")],
    ]);
    expect(s.phases.create).toEqual({ total: 3, done: 3, startedAt: 1_000, finishedAt: 2_000 });
    // A token being activated counts as done when activated, not when assigned: `assigned`
    // counts tokens left assigned and not active (run-counts.ts), as the summary does.
    expect(s.phases.activate).toEqual({ total: 3, done: 2, startedAt: 2_000, finishedAt: null });
    expect(s.counts).toMatchObject({ created: 3, assigned: 0, activated: 2 });
    // 2 done in 4 s → 1 left takes 2 s.
    expect(s.etaMs).toBe(2_000);
    expect(s.recent).toEqual({
      serialNumber: "S2",
      upn: "s2@contoso.example",
      step: "activated",
    });
  });

  it("gives no estimate in the first second of a phase", () => {
    const s = fold([
      ...planned,
      [1_000, { type: "phase", phase: "create", total: 3 }],
      [1_400, token("S1", "created")],
    ]);
    expect(s.etaMs).toBeNull();
  });

  it("counts assignments as done in assign mode", () => {
    const s = fold([
      [
        0,
        {
          type: "plan",
          counts: {
            rows: 2,
            rejectedByValidation: 0,
            rejectedByPreflight: 0,
            alreadyDone: 0,
            toDo: 2,
            create: 2,
            assign: 2,
            activate: 0,
          },
          dryRun: false,
        },
      ],
      [0, { type: "phase", phase: "activate", total: 2 }],
      [10, token("S1", "assigned")],
    ]);
    expect(s.phases.activate.done).toBe(1);
  });

  it("shows throttling until progress resumes, and counts retries", () => {
    const throttled = fold([
      ...planned,
      [1_000, { type: "phase", phase: "create", total: 3 }],
      [1_200, { type: "throttled", retryAfterMs: 3_000, stage: "create" }],
      [
        1_300,
        {
          type: "retry",
          serialNumber: "S1",
          stage: "create",
          attempt: 1,
          delayMs: 0,
          reason: "timed out",
        },
      ],
    ]);
    expect(throttled.throttle).toEqual({ retryAfterMs: 3_000, stage: "create", since: 1_200 });
    expect(throttled).toMatchObject({
      throttledCount: 1,
      lastRetryAfterMs: 3_000,
      retries: 1,
      lastRetry: { serialNumber: "S1", stage: "create", attempt: 1, reason: "timed out" },
    });
    const resumed = reduceProgress(throttled, token("S1", "created"), 4_300);
    expect(resumed.throttle).toBeNull();
    expect(resumed.lastRetryAfterMs).toBe(3_000);
  });

  it("counts failures against their phase", () => {
    const s = fold([
      ...planned,
      [1_000, { type: "phase", phase: "activate", total: 3 }],
      [
        1_100,
        {
          type: "token-failed",
          serialNumber: "S1",
          upn: null,
          stage: "activate",
          code: "code-rejected",
          message: "rejected",
          requestId: "r-1",
        },
      ],
    ]);
    expect(s.counts.failed).toBe(1);
    expect(s.phases.activate.done).toBe(1);
  });

  it("collects finished rows with their UPN (or the one seen earlier), then the summary", () => {
    const s = fold([
      ...planned,
      [1_000, { type: "phase", phase: "create", total: 3 }],
      [1_100, token("S1", "created")],
      [1_200, { type: "phase", phase: "verify", total: 1 }],
      [1_300, { type: "finished", serialNumber: "S1", upn: null, state: "activated" }],
      [1_300, { type: "finished", serialNumber: "S9", upn: null, state: "already-done" }],
      // No step reached it (Ctrl-C): the row's UPN comes with its final state.
      [
        1_300,
        { type: "finished", serialNumber: "S2", upn: "s2@contoso.example", state: "not-attempted" },
      ],
      [1_300, { type: "summary", summary: summary }],
    ]);
    expect(s.finished).toEqual([
      { serialNumber: "S1", upn: "s1@contoso.example", state: "activated" },
      { serialNumber: "S9", upn: null, state: "already-done" },
      { serialNumber: "S2", upn: "s2@contoso.example", state: "not-attempted" },
    ]);
    expect(s.phases.verify).toEqual({ total: 1, done: 1, startedAt: 1_200, finishedAt: 1_300 });
    expect(s.summary).toBe(summary);
  });

  it("marks the run as stopping on a quit intent, but not after the summary", () => {
    const running = fold([[0, { type: "phase", phase: "create", total: 3 }]]);
    expect(reduceProgress(running, { type: "quit" }, 10).stopping).toBe(true);
    const done = reduceProgress(running, { type: "summary", summary: summary }, 10);
    expect(reduceProgress(done, { type: "quit" }, 20).stopping).toBe(false);
  });
});
