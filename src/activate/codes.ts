import type { DirectoryUser } from "../graph/port.js";
import type { RunContext } from "../job/run-context.js";
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

/**
Where activation codes come from. The default computes them from the seed just before sending;
`activate --from-device` asks the operator for the code shown on the physical token instead. A
source returns the code and its time step, or a reason to leave the token alone.
*/
export type CodeSource = (
  p: ActivationTarget,
  spentStep: number | null,
) => Promise<{ code: string; step: number; driftSeconds?: number } | { skip: string }>;

/** Codes from the seed, at skew-corrected time, outside the last seconds of a step. */
export function seedCodes(clock: ClockSettings, ctx: RunContext): CodeSource {
  return async (p, spentStep) => {
    const interval = p.token.timeIntervalInSeconds;
    const guard = stepGuardMs(clock.uncertaintyMs, clock.expectedLatencyMs);
    const wait = waitBeforeCode(ctx.deps.now() + clock.offsetMs, interval, guard, spentStep);
    if (wait > 0) await ctx.deps.sleep(wait);
    const at = ctx.deps.now() + clock.offsetMs;
    return {
      code: totpCode(p.token.seed.bytes(), at, interval, p.token.hashFunction),
      step: timeStep(at, interval),
    };
  };
}
