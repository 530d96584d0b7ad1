import { Box, Text } from "ink";
import { StatusMessage } from "@inkjs/ui";
import { IssuesTable } from "./IssuesTable.js";
import { plural } from "./format.js";
import type { ValidationView } from "./validation-view.js";

export type ValidationScreenProps = {
  readonly view: ValidationView;
  /** First visible issue. */
  readonly offset: number;
  /** Rows for the issues table. */
  readonly height: number;
  readonly width: number;
};

/** What `validate` found: the counts, the seed encoding chosen, and the issues by line. */
export function ValidationScreen({ view, offset, height, width }: ValidationScreenProps) {
  const errors = view.issues.filter((i) => i.severity === "error").length;
  return (
    <Box flexDirection="column">
      <Text bold>Validation</Text>
      <Text>{`File ${view.file} · Format ${view.format} · Seed encoding ${view.seedEncoding}`}</Text>
      <Text>{`Rows ${view.rows} · Valid ${view.valid} · Rejected ${view.rejected}`}</Text>
      <Box marginY={1}>
        {view.valid === 0 ? (
          <StatusMessage variant="error">
            No valid row: nothing can be provisioned from this file.
          </StatusMessage>
        ) : view.rejected === 0 && errors === 0 ? (
          <StatusMessage variant="success">{`${plural(view.valid, "token")} ready.`}</StatusMessage>
        ) : (
          <StatusMessage variant="warning">
            {`${plural(view.rejected, "row")} rejected; only the ${plural(view.valid, "valid row")} can go on.`}
          </StatusMessage>
        )}
      </Box>
      <IssuesTable issues={view.issues} offset={offset} height={height} width={width} />
    </Box>
  );
}
