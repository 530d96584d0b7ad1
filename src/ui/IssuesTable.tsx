import { Box, Text } from "ink";
import type { Issue } from "../validate/issue.js";
import { fit } from "./format.js";

export type IssuesTableProps = {
  readonly issues: readonly Issue[];
  /** Index of the first visible issue (see scroll-state.ts). */
  readonly offset: number;
  /** Visible rows. */
  readonly height: number;
  /** Columns available. */
  readonly width: number;
};

const severityLabel = { error: "error", warning: "warn", info: "info" } as const;

/** The issues, one per row — line, severity, field, code, message — in a window that scrolls. */
export function IssuesTable({ issues, offset, height, width }: IssuesTableProps) {
  if (issues.length === 0) return <Text>No issues.</Text>;
  // A loop, not Math.max(...all): a spread of a few hundred thousand issues throws a RangeError.
  let [lineWidth, fieldWidth, codeWidth] = [4, 5, 4];
  for (const i of issues) {
    lineWidth = Math.max(lineWidth, String(i.line).length);
    fieldWidth = Math.min(21, Math.max(fieldWidth, (i.field ?? "—").length));
    codeWidth = Math.min(24, Math.max(codeWidth, i.code.length));
  }
  const messageWidth = Math.max(10, width - lineWidth - 5 - fieldWidth - codeWidth - 4);
  const row = (line: string, severity: string, field: string, code: string, message: string) =>
    [
      line.padStart(lineWidth),
      severity.padEnd(5),
      fit(field, fieldWidth).padEnd(fieldWidth),
      fit(code, codeWidth).padEnd(codeWidth),
      fit(message, messageWidth),
    ].join(" ");
  const visible = issues.slice(offset, offset + height);
  const last = offset + visible.length;
  return (
    <Box flexDirection="column">
      <Text bold>{row("Line", "", "Field", "Code", "Message")}</Text>
      {visible.map((issue, i) => (
        <Text key={offset + i} color={issue.severity === "error" ? "red" : undefined}>
          {row(
            String(issue.line),
            severityLabel[issue.severity],
            issue.field ?? "—",
            issue.code,
            issue.message,
          )}
        </Text>
      ))}
      <Text dimColor>
        {`Issues ${offset + 1}–${last} of ${issues.length}`}
        {issues.length > height ? " · ↑↓ PgUp PgDn to scroll" : ""}
      </Text>
    </Box>
  );
}
