import { Box, Text } from "ink";
import { StatusMessage } from "@inkjs/ui";
import { IssuesTable } from "./IssuesTable.js";
import { plural, wrap } from "./format.js";
import { headingLine, type IssueLayout } from "./issue-layout.js";
import type { ListWindow } from "./scroll-state.js";
import type { ValidationView } from "./validation-view.js";

export type ValidationScreenProps = {
  readonly view: ValidationView;
  readonly layout: IssueLayout;
  /** Lines the screen may use: title, counts and verdict always stay; the issues get the rest. */
  readonly rows: number;
  readonly window: ListWindow | null;
  readonly detail: boolean;
};

type Verdict = { variant: "error" | "success" | "warning"; text: string };

/** The lines above the issues, wrapped to the width: nothing is cut on a narrow screen. */
export function validationHeader(view: ValidationView, width: number) {
  const errors = view.issues.filter((i) => i.severity === "error").length;
  const verdict: Verdict =
    view.valid === 0
      ? { variant: "error", text: "No valid row: nothing can be provisioned from this file." }
      : view.rejected === 0 && errors === 0
        ? { variant: "success", text: `${plural(view.valid, "token")} ready.` }
        : {
            variant: "warning",
            text: `${plural(view.rejected, "row")} rejected; only the ${plural(view.valid, "valid row")} can go on.`,
          };
  return {
    lines: [
      ...wrap(
        `File ${view.file} · Format ${view.format} · Seed encoding ${view.seedEncoding}`,
        width,
      ),
      ...wrap(`Rows ${view.rows} · Valid ${view.valid} · Rejected ${view.rejected}`, width),
    ],
    verdict: { variant: verdict.variant, lines: wrap(verdict.text, width - 2) },
  };
}

/** Lines left for the issues themselves once the title, header, verdict and counts are placed. */
export function issueRoom(view: ValidationView, layout: IssueLayout, rows: number): number {
  const header = validationHeader(view, layout.width);
  const heading = headingLine(layout) === null || view.issues.length === 0 ? 0 : 1;
  // Title, header, a blank line, the verdict, a blank line, [heading], issues, "Issues a–b of n".
  return Math.max(
    1,
    rows - 1 - header.lines.length - 2 - header.verdict.lines.length - heading - 1,
  );
}

/** What `validate` found: the counts, the seed encoding chosen, and the issues by line. */
export function ValidationScreen({ view, layout, rows, window, detail }: ValidationScreenProps) {
  const header = validationHeader(view, layout.width);
  return (
    <Box flexDirection="column">
      <Text bold>Validation</Text>
      {header.lines.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
      <Box marginY={1}>
        <StatusMessage variant={header.verdict.variant}>
          {header.verdict.lines.join("\n")}
        </StatusMessage>
      </Box>
      <IssuesTable
        issues={view.issues}
        layout={layout}
        window={window}
        room={issueRoom(view, layout, rows)}
        detail={detail}
      />
    </Box>
  );
}
