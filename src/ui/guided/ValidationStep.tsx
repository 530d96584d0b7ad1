import { useState } from "react";
import { useInput } from "ink";
import type { SendIntent } from "../intents.js";
import { scroll, type ScrollAction } from "../scroll-state.js";
import { ValidationScreen } from "../ValidationScreen.js";
import type { ValidationView } from "../validation-view.js";

export type ValidationStepProps = {
  readonly view: ValidationView;
  readonly send: SendIntent;
  readonly width: number;
  readonly rows: number;
};

/** The validation screen with its scroll keys; Enter goes on when some rows are valid. */
export function ValidationStep({ view, send, width, rows }: ValidationStepProps) {
  // View-only state: the first visible issue.
  const [offset, setOffset] = useState(0);
  const height = Math.max(3, rows - 11);
  useInput((_input, key) => {
    const action: ScrollAction | null = key.upArrow
      ? "up"
      : key.downArrow
        ? "down"
        : key.pageUp
          ? "page-up"
          : key.pageDown
            ? "page-down"
            : key.home
              ? "home"
              : key.end
                ? "end"
                : null;
    if (action !== null) setOffset((o) => scroll(o, action, view.issues.length, height));
    else if (key.return) send({ type: "continue" });
  });
  return <ValidationScreen view={view} offset={offset} height={height} width={width} />;
}
