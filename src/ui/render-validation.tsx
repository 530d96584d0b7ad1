import { render } from "ink";
import { inkOptions, type UiIo } from "./ui-io.js";
import { ValidationApp } from "./ValidationApp.js";
import type { ValidationView } from "./validation-view.js";

/** Rows the validation screen uses around its issues table (see ValidationStep). */
const chromeRows = 11;

/**
Shows a validation result on a terminal. When every issue fits on the screen it is drawn once and
the command returns at once; otherwise it stays until q, Esc or Enter, with the issues scrollable.
*/
export async function renderValidation(view: ValidationView, io: UiIo): Promise<void> {
  const rows = io.stdout.rows > 0 ? io.stdout.rows : 24;
  const scrollable = view.issues.length > Math.max(3, rows - chromeRows);
  const instance = render(<ValidationApp view={view} scrollable={scrollable} />, inkOptions(io));
  if (!scrollable) instance.unmount();
  await instance.waitUntilExit();
}
