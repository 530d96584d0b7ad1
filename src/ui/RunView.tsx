import { Box, Static } from "ink";
import { ErrorBanner } from "./ErrorBanner.js";
import type { SendIntent } from "../events/intents.js";
import { PlanScreen } from "./PlanScreen.js";
import type { FinishedRow, ProgressState } from "./progress-state.js";
import { ProgressScreen } from "./ProgressScreen.js";
import { SummaryScreen } from "./SummaryScreen.js";
import { TokenLine } from "./TokenLine.js";

export type RunViewProps = {
  readonly state: ProgressState;
  readonly send: SendIntent;
  /** Whether the controller waits for a confirmation after the plan (false with --yes). */
  readonly confirm: boolean;
  readonly rerun?: string | undefined;
  readonly width: number;
};

type Printed = FinishedRow | "plan";

/**
One run, whatever its stage: printed once above (`<Static>`), the plan the run goes on with (so
what was agreed to stays in view) and the finished tokens; below them the fatal banner, the
summary, the plan with its confirmation, or the progress.
*/
export function RunView({ state, send, confirm, rerun, width }: RunViewProps) {
  const { finished, planAt } = state;
  const printed: Printed[] =
    planAt === null
      ? [...finished]
      : [...finished.slice(0, planAt), "plan", ...finished.slice(planAt)];
  return (
    <Box flexDirection="column" width={width}>
      <Static items={printed}>
        {(item, i) => (
          // <Static> lays its items out without the frame's width: each gets it here, or text
          // is wrapped wider than the screen and the terminal breaks it mid-word.
          <Box key={i} width={width}>
            {item === "plan" ? (
              <RunPlan state={state} width={width} />
            ) : (
              <TokenLine row={item} width={width} />
            )}
          </Box>
        )}
      </Static>
      <Body state={state} send={send} confirm={confirm} rerun={rerun} width={width} />
    </Box>
  );
}

/** The plan of the run as the state holds it; `ask` puts the question under it. */
function RunPlan({
  state,
  width,
  ask = false,
  send,
}: {
  state: ProgressState;
  width: number;
  ask?: boolean;
  send?: SendIntent;
}) {
  if (state.preflight === null || state.plan === null) return null;
  return (
    <PlanScreen
      preflight={state.preflight}
      plan={state.plan}
      rejectedRows={state.rejectedRows}
      validation={state.validation}
      warnings={state.warnings}
      width={width}
      ask={ask}
      onConfirm={() => send?.({ type: "confirm" })}
      onCancel={() => send?.({ type: "decline" })}
    />
  );
}

function Body({ state, send, confirm, rerun, width }: RunViewProps) {
  if (state.fatal !== null)
    return <ErrorBanner message={state.fatal.message} hint={state.fatal.hint} />;
  const ask = confirm && state.decision === null && !state.stopping && state.summary === null;
  const plan = <RunPlan state={state} width={width} ask={ask} send={send} />;
  const hasPlan = state.preflight !== null && state.plan !== null;
  if (state.summary !== null) {
    return (
      <Box flexDirection="column" gap={1}>
        {state.plan?.dryRun === true && plan}
        <SummaryScreen summary={state.summary} width={width} rerun={rerun} />
      </Box>
    );
  }
  if (state.phase === "plan" && hasPlan) return plan;
  return <ProgressScreen state={state} width={width} />;
}
