import { render } from "ink";
import { screenWidth } from "./format.js";
import { issueLayout, issueLines } from "./issue-layout.js";
import { inkOptions, type UiIo } from "./ui-io.js";
import { ValidationApp } from "./ValidationApp.js";
import { issueRoom } from "./ValidationScreen.js";
import type { ValidationView } from "./validation-view.js";

/**
Whether the validation screen fits a terminal drawn once, every message whole: then it needs
no keys. Otherwise the issues scroll and a key shows a message in full.
*/
export function fitsOnce(view: ValidationView, columns: number, rows: number): boolean {
  const layout = issueLayout(view.issues, screenWidth(columns), true);
  const lines = view.issues.reduce((n, issue) => n + issueLines(issue, layout).length, 0);
  return lines <= issueRoom(view, layout, rows - 1);
}

/**
Shows a validation result on a terminal. When it fits it is drawn once and the command returns
at once; otherwise it stays until q, Esc or Enter, with the issues scrollable. Says whether it
was left with Ctrl-C.
*/
export async function renderValidation(
  view: ValidationView,
  io: UiIo,
): Promise<{ interrupted: boolean }> {
  const rows = io.stdout.rows > 0 ? io.stdout.rows : 24;
  const columns = io.stdout.columns > 0 ? io.stdout.columns : 80;
  const scrollable = !fitsOnce(view, columns, rows);
  let interrupted = false;
  const instance = render(
    <ValidationApp
      view={view}
      scrollable={scrollable}
      onInterrupt={() => {
        interrupted = true;
      }}
    />,
    inkOptions(io),
  );
  if (!scrollable) instance.unmount();
  await instance.waitUntilExit();
  return { interrupted };
}
