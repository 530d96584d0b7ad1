import { Box, Text } from "ink";
import { StatusMessage } from "@inkjs/ui";
import type { Summary } from "../provision/types.js";
import { fit, formatDuration, plural, wrap } from "./format.js";

export type SummaryScreenProps = {
  readonly summary: Summary;
  readonly width: number;
  /**
  The command to run again to finish an interrupted run, when the caller knows it.
  @default "the same command"
  */
  readonly rerun?: string | undefined;
};

/** How the run ended: the verdict, the counts, where the report and failures file are. */
export function SummaryScreen({ summary, width, rerun }: SummaryScreenProps) {
  const c = summary.counts;
  const name = summary.command === "import" ? "Import" : "Activation";
  const problems = c.failed + c.rejected;
  const done = c.activated + c.assigned + c.available;
  // A path is wrapped under its label, never cut: it is what the user opens next.
  const path = (label: string, value: string) => (
    <Text>
      {wrap(value, width - 10)
        .map((line, i) => `${(i === 0 ? label : "").padEnd(9)} ${line}`)
        .join("\n")}
    </Text>
  );
  return (
    <Box flexDirection="column">
      <Text bold>Summary</Text>
      {summary.interrupted ? (
        <StatusMessage variant="warning">{`${name} stopped before the end.`}</StatusMessage>
      ) : summary.journalPath === null ? (
        <StatusMessage variant="info">Dry run: nothing was written.</StatusMessage>
      ) : problems === 0 ? (
        <StatusMessage variant="success">{`${name} finished: ${plural(done, "token")} done.`}</StatusMessage>
      ) : (
        <StatusMessage variant="warning">
          {`${name} finished: ${plural(done, "token")} done, ${c.failed} failed, ${c.rejected} rejected.`}
        </StatusMessage>
      )}
      <Box flexDirection="column" paddingLeft={2}>
        <Text>{`Rows ${c.rows} · Rejected ${c.rejected} · Created ${c.created} · Skipped ${c.skipped} · Failed ${c.failed}`}</Text>
        <Text>{`Activated ${c.activated} · Assigned ${c.assigned} · Available ${c.available} · Took ${formatDuration(summary.elapsedMs)}`}</Text>
      </Box>
      {(summary.reportPath !== null || summary.failuresPath !== null) && (
        <Box flexDirection="column" marginTop={1}>
          {summary.reportPath !== null && path("Report", summary.reportPath)}
          {summary.failuresPath !== null && path("Failures", summary.failuresPath)}
          {summary.failuresPath !== null && (
            <Text dimColor>
              {fit("          the rows to retry, in the input file's own layout", width)}
            </Text>
          )}
        </Box>
      )}
      {summary.interrupted && (
        <Box flexDirection="column" marginTop={1}>
          <Text>{`To finish, run ${rerun ?? "the same command"} again.`}</Text>
          <Text>It resumes from the journal: no token is created twice.</Text>
          {summary.journalPath !== null && path("Journal", summary.journalPath)}
        </Box>
      )}
    </Box>
  );
}
