import { Box, useInput, useWindowSize } from "ink";
import { Spinner } from "@inkjs/ui";
import { screenWidth } from "../format.js";
import { rejectedCount } from "../../events/counts.js";
import type { ProgressState } from "../progress-state.js";
import { RunView } from "../RunView.js";
import { DeviceCheckScreen } from "../DeviceCheckScreen.js";
import { useStoreState } from "../use-store-state.js";
import { ConnectionForm } from "./ConnectionForm.js";
import { Declined } from "./Declined.js";
import type { GuidedStore } from "./drive-guided.js";
import type { GuidedStep } from "./guided-state.js";
import { FilePicker } from "./FilePicker.js";
import { KeyHint } from "./KeyHint.js";
import { ModePicker } from "./ModePicker.js";
import { ValidationStep } from "./ValidationStep.js";

export type GuidedAppProps = {
  readonly store: GuidedStore;
  /** Columns and rows; by default the terminal's. */
  readonly size?: { columns: number; rows: number } | undefined;
};

/** Steps where the keyboard goes to a text field, so `q` is typed rather than quitting. */
const typingSteps: ReadonlySet<GuidedStep> = new Set(["pick-file", "choose-connection"]);
/** Steps whose own form handles Esc (a field back to the list or the previous field). */
const ownEscape: ReadonlySet<GuidedStep> = new Set(["pick-file", "choose-connection"]);

/**
`oathkit` with no arguments: file → validation → mode → tenant → plan → confirm → progress →
summary. Every step the user takes is an intent; the controller answers with events. Ctrl-C
anywhere sends `quit` with `interrupt`; Esc goes back one step until the plan is confirmed.
*/
export function GuidedApp({ store, size }: GuidedAppProps) {
  const state = useStoreState(store);
  const terminal = useWindowSize();
  const width = screenWidth(size?.columns ?? terminal.columns);
  // One line is left for the cursor below the frame, so the terminal never scrolls the title away.
  const rows = Math.max(10, (size?.rows ?? terminal.rows) - 1);
  const send = store.send;
  const checking =
    state.fromDevice && (state.device.status === "entering" || state.device.status === "checking");
  useInput((input, key) => {
    if (key.ctrl && input === "c") send({ type: "quit", interrupt: true });
    else if (input === "q" && !typingSteps.has(state.step)) send({ type: "quit" });
    else if (key.escape && !ownEscape.has(state.step)) send({ type: "back" });
    else if (key.tab && checking && state.device.current !== null)
      send({ type: "device-skip", serialNumber: state.device.current.serialNumber });
  });
  return (
    <Box flexDirection="column" width={width}>
      {state.step === "pick-file" && (
        <FilePicker
          files={state.files}
          error={state.fileError}
          rows={rows}
          width={width}
          typed={state.path !== null && !state.files.includes(state.path) ? state.path : null}
          opened={state.path}
          onChoose={(path) => send({ type: "choose-file", path })}
        />
      )}
      {state.step === "validating" && <Spinner label={`Validating ${state.path ?? ""}…`} />}
      {state.step === "validation" && state.validation !== null && (
        <ValidationStep
          view={state.validation}
          send={send}
          width={width}
          rows={rows}
          leaveKeys="Enter continue · Esc back · q quit"
        />
      )}
      {state.step === "choose-mode" && (
        <ModePicker
          onChoose={(mode, fromDevice) => send({ type: "choose-mode", mode, fromDevice })}
        />
      )}
      {state.step === "choose-connection" && (
        <ConnectionForm
          initial={state.connection}
          error={state.connectionError}
          onChoose={(connection) => send({ type: "choose-connection", connection })}
          onBack={() => send({ type: "back" })}
        />
      )}
      {state.step === "run" && checking && (
        <DeviceCheckScreen
          state={state.device}
          width={width}
          onCode={(code) => {
            if (state.device.current !== null)
              send({ type: "device-code", serialNumber: state.device.current.serialNumber, code });
          }}
        />
      )}
      {state.step === "run" && !checking && (
        <RunView state={state.run} send={send} confirm width={width} />
      )}
      {state.step === "run" && state.run.decision === "declined" && (
        <Declined
          file={state.path ?? ""}
          rejected={state.run.plan === null ? 0 : rejectedCount(state.run.plan.counts)}
        />
      )}
      {hint(state.step, state.run) !== "" && <KeyHint text={hint(state.step, state.run)} />}
    </Box>
  );
}

const hints: Record<GuidedStep, string> = {
  "pick-file": "", // the picker and the tenant form show their own keys
  validating: "Esc back · Ctrl-C quit",
  validation: "",
  "choose-mode": "↑↓ Enter choose · Esc back · q quit",
  "choose-connection": "",
  run: "",
};

function hint(step: GuidedStep, run: ProgressState): string {
  if (step !== "run") return hints[step];
  if (run.summary !== null) return "q quit";
  if (run.decision === "confirmed") return ""; // the progress screen shows how to stop
  if (run.phase === "plan" && run.decision === null) return "y go on · n stop · Esc back · q quit";
  return "Esc back · q quit";
}
