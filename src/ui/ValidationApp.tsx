import { Box, Text, useApp, useInput, useWindowSize } from "ink";
import { screenWidth } from "./format.js";
import { ValidationStep } from "./guided/ValidationStep.js";
import type { ValidationView } from "./validation-view.js";

export type ValidationAppProps = {
  readonly view: ValidationView;
  /** Whether the issues need scrolling: then keys scroll and q, Esc or Enter leave. */
  readonly scrollable: boolean;
};

/** `oathkit validate` on a terminal: the guided flow's validation screen, on its own. */
export function ValidationApp({ view, scrollable }: ValidationAppProps) {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  useInput((input, key) => {
    if (input === "q" || key.escape || (key.ctrl && input === "c")) exit();
  });
  return (
    <Box flexDirection="column">
      <ValidationStep
        view={view}
        send={(intent) => {
          if (intent.type === "continue") exit();
        }}
        width={screenWidth(columns)}
        rows={rows}
      />
      {scrollable && <Text dimColor>q, Esc or Enter to leave</Text>}
    </Box>
  );
}
