import { Box, Text } from "ink";
import { ProgressBar, Spinner } from "@inkjs/ui";
import type { PhaseProgress } from "./phase-progress.js";

export type PhaseLineProps = {
  readonly label: string;
  readonly progress: PhaseProgress;
  readonly active: boolean;
  /** Whether the phase reports per-token progress; if not, the bar fills when it ends. */
  readonly counted: boolean;
  readonly width: number;
};

/**
One phase: a marker (spinner while running), its name, a bar and done/total. A phase a stop
ended early keeps its bar where it stopped, marked ■ and "stopped".
*/
export function PhaseLine({ label, progress, active, counted, width }: PhaseLineProps) {
  const { total, done, startedAt, finishedAt } = progress;
  const stopped = progress.stopped === true;
  const finished = finishedAt !== null;
  const count = startedAt === null ? "" : `${done}/${total}${stopped ? " stopped" : ""}`;
  const barWidth = Math.max(10, width - 2 - 11 - 12 - (stopped ? 8 : 0));
  const value = total === 0 ? (finished && !stopped ? 100 : 0) : (100 * done) / total;
  return (
    <Box gap={1}>
      <Box width={1}>
        {active ? (
          <Spinner />
        ) : stopped ? (
          <Text color="yellow">■</Text>
        ) : (
          <Text color="green">{finished ? "✔" : " "}</Text>
        )}
      </Box>
      <Box width={10}>
        <Text dimColor={startedAt === null}>{label}</Text>
      </Box>
      <Box width={barWidth}>
        {counted || finished ? (
          <ProgressBar value={value} />
        ) : active ? (
          <Text dimColor>working…</Text>
        ) : null}
      </Box>
      <Text>{count}</Text>
    </Box>
  );
}
