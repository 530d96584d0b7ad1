import { Box, Static, useInput, useWindowSize } from "ink";
import { ErrorBanner } from "./ErrorBanner.js";
import { PlanScreen } from "./PlanScreen.js";
import type { ProgressState, RunEvent } from "./progress-state.js";
import { ProgressScreen } from "./ProgressScreen.js";
import type { Store } from "./store.js";
import { SummaryScreen } from "./SummaryScreen.js";
import { TokenLine } from "./TokenLine.js";
import { useStoreState } from "./use-store-state.js";

export type RunStore = Store<ProgressState, RunEvent>;

export type RunAppProps = {
  readonly store: RunStore;
  /** Whether the controller waits for a confirmation after the plan (false with --yes). */
  readonly confirm: boolean;
  /** Shown on an interrupted summary: the command that finishes the job. */
  readonly rerun?: string | undefined;
  /** Columns; by default the terminal's, up to 120. */
  readonly width?: number | undefined;
};

/** The `import`/`activate` UI: plan and confirmation, progress, summary. Watches; never works. */
export function RunApp({ store, confirm, rerun, width }: RunAppProps) {
  const state = useStoreState(store);
  const columns = useWindowSize().columns;
  const w = width ?? Math.min(Math.max(columns, 40), 120);
  useInput((input, key) => {
    if (input === "q" || (key.ctrl && input === "c")) store.send({ type: "quit" });
  });
  return (
    <Box flexDirection="column" width={w}>
      <Static items={[...state.finished]}>
        {(row, i) => <TokenLine key={i} row={row} width={w} />}
      </Static>
      <RunBody state={state} store={store} confirm={confirm} rerun={rerun} width={w} />
    </Box>
  );
}

type RunBodyProps = {
  readonly state: ProgressState;
  readonly store: RunStore;
  readonly confirm: boolean;
  readonly rerun: string | undefined;
  readonly width: number;
};

function RunBody({ state, store, confirm, rerun, width }: RunBodyProps) {
  if (state.fatal !== null)
    return <ErrorBanner message={state.fatal.message} hint={state.fatal.hint} />;
  const plan =
    state.preflight !== null && state.plan !== null ? (
      <PlanScreen
        preflight={state.preflight}
        plan={state.plan}
        rejectedRows={state.rejectedRows}
        warnings={state.warnings}
        width={width}
        ask={confirm && state.decision === null && !state.stopping && state.summary === null}
        onConfirm={() => store.send({ type: "confirm" })}
        onCancel={() => store.send({ type: "decline" })}
      />
    ) : null;
  if (state.summary !== null) {
    return (
      <Box flexDirection="column" gap={1}>
        {state.plan?.dryRun === true && plan}
        <SummaryScreen summary={state.summary} width={width} rerun={rerun} />
      </Box>
    );
  }
  if (state.phase === "plan" && plan !== null) return plan;
  return <ProgressScreen state={state} width={width} />;
}
