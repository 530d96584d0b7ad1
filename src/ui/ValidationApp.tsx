import { Box, useApp, useInput, useWindowSize } from "ink";
import { screenWidth } from "./format.js";
import { ValidationStep } from "./guided/ValidationStep.js";
import { issueLayout } from "./issue-layout.js";
import { ValidationScreen } from "./ValidationScreen.js";
import type { ValidationView } from "./validation-view.js";

export type ValidationAppProps = {
  readonly view: ValidationView;
  /** Whether the issues need the keys: then they scroll and q, Esc or Enter leave. */
  readonly scrollable: boolean;
  /** Columns and rows; by default the terminal's. */
  readonly size?: { columns: number; rows: number } | undefined;
  /** Ctrl-C: the screen leaves as with q, and the command says it was stopped (exit 130). */
  readonly onInterrupt?: (() => void) | undefined;
};

/**
`oathkit validate` on a terminal: the guided flow's validation screen, on its own. Drawn once
(every message whole) when it all fits; otherwise with the keys of the guided screen.
*/
export function ValidationApp({ view, scrollable, size, onInterrupt }: ValidationAppProps) {
  const { exit } = useApp();
  const terminal = useWindowSize();
  const width = screenWidth(size?.columns ?? terminal.columns);
  // One line is left for the cursor below the frame, so the terminal never scrolls the title away.
  const rows = (size?.rows ?? terminal.rows) - 1;
  useInput(
    (input, key) => {
      if (key.ctrl && input === "c") onInterrupt?.();
      if (input === "q" || key.escape || (key.ctrl && input === "c")) exit();
    },
    { isActive: scrollable },
  );
  return (
    <Box flexDirection="column" width={width}>
      {scrollable ? (
        <ValidationStep
          view={view}
          send={(intent) => {
            if (intent.type === "continue") exit();
          }}
          width={width}
          rows={rows}
          leaveKeys="q, Esc or Enter leave"
        />
      ) : (
        <ValidationScreen
          view={view}
          layout={issueLayout(view.issues, width, true)}
          rows={Number.MAX_SAFE_INTEGER}
          window={null}
          detail={false}
        />
      )}
    </Box>
  );
}
