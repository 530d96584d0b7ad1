import { Box, Text } from "ink";
import { StatusMessage } from "@inkjs/ui";
import { fit, formatDuration } from "./format.js";
import { PhaseLine } from "./PhaseLine.js";
import { type ProgressState } from "./progress-state.js";
import { countedPhases, isTracked, trackedPhases, type TrackedPhase } from "./phase-progress.js";

export type ProgressScreenProps = {
  readonly state: ProgressState;
  readonly width: number;
};

const labels: Record<TrackedPhase, string> = {
  preflight: "Pre-flight",
  create: "Create",
  activate: "Activate",
  verify: "Verify",
};

/** The live area of a run: phases, counts, throttling and retries, time left. */
export function ProgressScreen({ state, width }: ProgressScreenProps) {
  const c = state.counts;
  const current = state.phase;
  return (
    <Box flexDirection="column">
      <Text bold>Progress</Text>
      {trackedPhases.map((phase) => (
        <PhaseLine
          key={phase}
          label={labels[phase]}
          progress={state.phases[phase]}
          active={current === phase && state.phases[phase].finishedAt === null}
          counted={countedPhases.has(phase)}
          width={width}
        />
      ))}
      <Text>
        {`Created ${c.created} · Assigned ${c.assigned} · Activated ${c.activated} · Already done ${c.alreadyDone} · Failed ${c.failed} · Rejected ${c.rejected}`}
      </Text>
      {state.recent !== null && (
        <Text dimColor>
          {fit(
            `Last: ${state.recent.serialNumber} ${state.recent.upn ?? ""} ${state.recent.step}`.replace(
              /\s+/gu,
              " ",
            ),
            width,
          )}
        </Text>
      )}
      {state.throttle !== null ? (
        <StatusMessage variant="warning">
          {`Throttled — waiting ${formatDuration(state.throttle.retryAfterMs)} (Retry-After; ${state.throttledCount} so far)`}
        </StatusMessage>
      ) : state.throttledCount > 0 || state.retries > 0 ? (
        <Text dimColor>
          {`Throttled ${state.throttledCount}×` +
            (state.lastRetryAfterMs === null
              ? ""
              : ` (last wait ${formatDuration(state.lastRetryAfterMs)})`) +
            ` · Retries ${state.retries}`}
        </Text>
      ) : null}
      {state.etaMs !== null && current !== null && isTracked(current) && (
        <Text>{`About ${formatDuration(state.etaMs)} left in ${labels[current]}`}</Text>
      )}
      <Box marginTop={1}>
        {state.stopping ? (
          <Box flexDirection="column">
            <StatusMessage variant="warning">Stopping after the current requests…</StatusMessage>
            <Text>The summary says how to finish later.</Text>
          </Box>
        ) : (
          <Text dimColor>q stop (the run ends after the requests in flight)</Text>
        )}
      </Box>
    </Box>
  );
}
