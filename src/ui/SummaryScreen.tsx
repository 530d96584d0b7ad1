import { isAbsolute, relative } from "node:path";
import { Box, Text } from "ink";
import { StatusMessage } from "@inkjs/ui";
import { rejectedCount } from "../events/counts.js";
import { outcomeLines } from "../present/count-lines.js";
import { resumeAdvice } from "../present/run-lines.js";
import type { Summary } from "../events/run-summary.js";
import { formatDuration, plural, wrap } from "./format.js";

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
  const problems = c.failed + rejectedCount(c) + summary.problems.length;
  const done = c.activated + c.assigned + c.available;
  // A path is wrapped under its label, never cut: it is what the user opens next. Below the
  // current folder it is shown relative to it.
  const path = (label: string, value: string) => (
    <Text>
      {wrap(shown(value), width - 10)
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
          {`${name} finished: ${plural(done, "token")} done, ${c.failed} failed, ${rejectedCount(c)} rejected${summary.problems.length > 0 ? "; a file could not be written" : ""}.`}
        </StatusMessage>
      )}
      <Box flexDirection="column" paddingLeft={2}>
        {outcomeLines(c).map((line, i) => (
          <Text key={i}>
            {i === 2 ? `${line} · took ${formatDuration(summary.elapsedMs)}` : line}
          </Text>
        ))}
      </Box>
      {summary.problems.map((p, i) => (
        <StatusMessage key={i} variant="error">
          {p}
        </StatusMessage>
      ))}
      {(summary.reportPath !== null ||
        summary.failuresPath !== null ||
        summary.failuresRemoved !== null) && (
        <Box flexDirection="column" marginTop={1}>
          {summary.reportPath !== null && path("Report", summary.reportPath)}
          {summary.failuresPath !== null && path("Failures", summary.failuresPath)}
          {summary.failuresPath !== null && (
            <Box flexDirection="column" paddingLeft={10}>
              <Text dimColor>the rows to retry, in the input file&apos;s own layout</Text>
              {summary.failuresHoldSeeds && (
                <Text>It holds their seeds (mode 0600): delete it once you have used it.</Text>
              )}
            </Box>
          )}
          {summary.failuresRemoved !== null && (
            <Text>{`Deleted ${shown(summary.failuresRemoved)}: none of its rows is left to retry.`}</Text>
          )}
        </Box>
      )}
      {summary.interrupted && summary.resumable && (
        <Box flexDirection="column" marginTop={1}>
          {rerun === undefined ? (
            <Text>To finish, run the same command again.</Text>
          ) : (
            <>
              {/* The command alone on its line, to be copied whole (a sentence around it made the
                  screen break it inside the command). */}
              <Text>To finish, run this command again:</Text>
              <Text>{`  ${rerun}`}</Text>
            </>
          )}
          <Text>It resumes from the journal: no token is created twice.</Text>
          {summary.journalPath !== null && path("Journal", summary.journalPath)}
        </Box>
      )}
      {summary.interrupted && !summary.resumable && (
        <Box marginTop={1}>
          <Text>{resumeAdvice(summary)}</Text>
        </Box>
      )}
    </Box>
  );
}

function shown(path: string): string {
  const near = relative(process.cwd(), path);
  return near === "" || near.startsWith("..") || isAbsolute(near) ? path : near;
}
