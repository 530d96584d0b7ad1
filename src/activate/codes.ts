import type { DirectoryUser } from "../graph/port.js";
import type { RunContext } from "../job/run-context.js";
import type { WritePacer, WriteTicket } from "../job/write-pacer.js";
import { timeStep, totpCode } from "../totp.js";
import type { Token } from "../validate/token-schema.js";
import { stepGuardMs, waitBeforeCode } from "./step-edge.js";

/**
A token as activation works on it: the plan's entry for it (import/plan.ts), as far as assigning
and activating need — its user, and whether it still needs assigning, activating or both.
*/
export type ActivationTarget = {
  token: Token;
  user: DirectoryUser | null;
  assign: boolean;
  activate: boolean;
};

export type ClockSettings = { offsetMs: number; uncertaintyMs: number; expectedLatencyMs: number };

/** The job's write slots, as a code source takes them (job/write-pacer.ts). */
export type WriteSlots = Pick<WritePacer, "tryTake" | "ready">;

/**
Where activation codes come from. The default computes them from the seed just before sending;
`activate --from-device` asks the operator for the code shown on the physical token instead. A
source takes the request's write slot (`slots`) and returns it with the code and its time step;
or `refused`, the token failed its check (the codes typed match no code of its seed); or `leave`,
the token is left alone on purpose (skipped, or the run was stopped): not attempted, for a later
run.
*/
export type CodeSource = (
  p: ActivationTarget,
  spentStep: number | null,
  slots: WriteSlots,
) => Promise<
  | { code: string; step: number; ticket: WriteTicket; driftSeconds?: number }
  | { refused: string }
  | { leave: string }
>;

// Every round sleeps until a step edge or a write slot, and each slot wait ends at a slot some
// write takes: the bound is only a guard against a clock that stands still.
const maxRounds = 100_000;

/**
Codes from the seed, at skew-corrected time, outside the last seconds of a step (step-edge.ts),
sent in their write slot (docs/provisioning.md, "Write pacing"): the slot is taken only when the
step-edge rule lets a code be computed now, and the code is computed at that same moment — no wait
lies between. A slot that comes too late in a step is not taken: the worker waits for the next
step, so the workers released at a step edge go out at the pacer's rate, not all at once.
*/
export function seedCodes(clock: ClockSettings, ctx: RunContext): CodeSource {
  const { deps } = ctx;
  return async (p, spentStep, slots) => {
    const interval = p.token.timeIntervalInSeconds;
    const guard = stepGuardMs(clock.uncertaintyMs, clock.expectedLatencyMs);
    for (let round = 0; round < maxRounds && !deps.signal.aborted; round += 1) {
      const at = deps.now() + clock.offsetMs;
      const edge = waitBeforeCode(at, interval, guard, spentStep);
      if (edge > 0) {
        await deps.sleep(edge);
        continue;
      }
      const slot = slots.tryTake();
      if (slot === null) break;
      if (typeof slot === "number") {
        await deps.sleep(slot);
        continue;
      }
      return {
        code: totpCode(p.token.seed.bytes(), at, interval, p.token.hashFunction),
        step: timeStep(at, interval),
        ticket: slot,
      };
    }
    return { leave: "stopped before this token's code was sent" };
  };
}
