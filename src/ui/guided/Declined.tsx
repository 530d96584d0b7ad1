import { Box, Text } from "ink";
import { StatusMessage } from "@inkjs/ui";
import { plural } from "../format.js";

export type DeclinedProps = {
  readonly file: string;
  /** Rows the plan rejected (validation and pre-flight). */
  readonly rejected: number;
};

/** After `n` at the plan: nothing was written, and the ways to go on from here. */
export function Declined({ file, rejected }: DeclinedProps) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <StatusMessage variant="info">Nothing was written.</StatusMessage>
      <Box flexDirection="column" paddingLeft={2}>
        <Text>Esc goes back to the tenant, then the mode and the file, to change a choice.</Text>
        {rejected > 0 && (
          <Text>
            {`${plural(rejected, "row was", "rows were")} rejected: fix ${rejected === 1 ? "it" : "them"} in ${file} and pick the file again.`}
          </Text>
        )}
      </Box>
    </Box>
  );
}
