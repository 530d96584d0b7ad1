import { Box, Text } from "ink";
import type { Issue } from "../issues/issue.js";
import {
  detailLines,
  headingLine,
  issueLines,
  markerWidth,
  type IssueLayout,
} from "./issue-layout.js";
import { visibleCount, type ListWindow } from "./scroll-state.js";

export type IssuesTableProps = {
  readonly issues: readonly Issue[];
  readonly layout: IssueLayout;
  /** The selected issue and the first shown; null when nothing can be selected (drawn once). */
  readonly window: ListWindow | null;
  /** Lines for the issues, between the heading and the count line. */
  readonly room: number;
  /** Show the selected issue in full instead of the list. */
  readonly detail: boolean;
};

/**
The issues by line — a table from 80 columns, each issue stacked over several lines below — in
a window that keeps the selected issue in view, then "Issues a–b of n". With `detail`, the
selected issue alone, its whole message wrapped over the width.
*/
export function IssuesTable({ issues, layout, window, room, detail }: IssuesTableProps) {
  if (issues.length === 0) return <Text>No issues.</Text>;
  const selected = window === null ? null : issues[window.selected];
  if (detail && selected !== undefined && selected !== null) {
    return (
      <Box flexDirection="column">
        {detailLines(selected, layout.width)
          .slice(0, room + (layout.stacked ? 0 : 1))
          .map((line, i) => (
            <Text key={i} bold={i === 0}>
              {line}
            </Text>
          ))}
        <Text dimColor>{`Issue ${window!.selected + 1} of ${issues.length}`}</Text>
      </Box>
    );
  }
  const heights = issues.map((i) => issueLines(i, layout).length);
  const top = window?.top ?? 0;
  const count = visibleCount(heights, top, room);
  const heading = headingLine(layout);
  // Each shown issue with its lines; only the first may be cut, when it alone is taller than the room.
  const shown = issues.slice(top, top + count).map((issue, i) => ({
    index: top + i,
    issue,
    lines: issueLines(issue, layout).slice(0, Math.max(1, room)),
  }));
  return (
    <Box flexDirection="column">
      {heading !== null && <Text bold>{heading}</Text>}
      {shown.map(({ index, issue, lines }) => (
        <Text key={index} color={issue.severity === "error" ? "red" : undefined}>
          {lines
            .map((line, n) =>
              n === 0
                ? (window?.selected === index ? "❯" : " ").padEnd(markerWidth) + line
                : " ".repeat(markerWidth) + line,
            )
            .join("\n")}
        </Text>
      ))}
      <Text dimColor>{`Issues ${top + 1}–${top + count} of ${issues.length}`}</Text>
    </Box>
  );
}
