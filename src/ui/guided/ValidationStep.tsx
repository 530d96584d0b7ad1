import { useState } from "react";
import { Box, useInput, type Key } from "ink";
import { wrap } from "../format.js";
import { issueLayout, issueLines } from "../issue-layout.js";
import type { SendIntent } from "../../events/intents.js";
import { keepInView, scroll, type ListWindow, type ScrollAction } from "../scroll-state.js";
import { issueRoom, ValidationScreen } from "../ValidationScreen.js";
import type { ValidationView } from "../validation-view.js";
import { KeyHint } from "./KeyHint.js";

export type ValidationStepProps = {
  readonly view: ValidationView;
  readonly send: SendIntent;
  readonly width: number;
  /** Lines the step may use, its key hint included. */
  readonly rows: number;
  /** The keys that leave the screen, for the hint ("Enter continue · Esc back · q quit"). */
  readonly leaveKeys: string;
};

const actions: ReadonlyArray<[ScrollAction, (key: Key) => boolean]> = [
  ["up", (k) => k.upArrow],
  ["down", (k) => k.downArrow],
  ["page-up", (k) => k.pageUp],
  ["page-down", (k) => k.pageDown],
  ["home", (k) => k.home],
  ["end", (k) => k.end],
];

/**
The validation screen with its keys: ↑↓ PgUp PgDn Home End select an issue (the list scrolls to
keep it in view), Space shows the selected issue's whole message and goes back to the list,
Enter sends `continue`. Every line fits the width and the screen fits `rows`.
*/
export function ValidationStep({ view, send, width, rows, leaveKeys }: ValidationStepProps) {
  // View-only state: the selected issue, the first one shown, and whether it is shown in full.
  const [window, setWindow] = useState<ListWindow>({ selected: 0, top: 0 });
  const [detail, setDetail] = useState(false);
  const keys =
    view.issues.length === 0
      ? leaveKeys
      : `↑↓ select · Space ${detail ? "back to the list" : "full message"} · ${leaveKeys}`;
  const hintLines = 1 + wrap(keys, width).length;
  const layout = issueLayout(view.issues, width, false);
  const heights = view.issues.map((issue) => issueLines(issue, layout).length);
  const room = issueRoom(view, layout, rows - hintLines);
  const shown = keepInView(window, heights, room);
  useInput((input, key) => {
    const action = actions.find(([, test]) => test(key))?.[0];
    if (action !== undefined && view.issues.length > 0)
      setWindow((w) => scroll(keepInView(w, heights, room), action, heights, room));
    else if (input === " " && view.issues.length > 0) setDetail((d) => !d);
    else if (key.return) send({ type: "continue" });
  });
  return (
    <Box flexDirection="column">
      <ValidationScreen
        view={view}
        layout={layout}
        rows={rows - hintLines}
        window={shown}
        detail={detail}
      />
      <KeyHint text={wrap(keys, width).join("\n")} />
    </Box>
  );
}
