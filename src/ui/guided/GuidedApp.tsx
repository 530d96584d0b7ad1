import { Box, Text, useInput, useWindowSize } from "ink";
import { Spinner } from "@inkjs/ui";
import { screenWidth } from "../format.js";
import type { ProgressState } from "../progress-state.js";
import { RunView } from "../RunView.js";
import { DeviceCheckScreen } from "../DeviceCheckScreen.js";
import { useStoreState } from "../use-store-state.js";
import { ConnectionForm } from "./ConnectionForm.js";
import type { GuidedStore } from "./drive-guided.js";
import type { GuidedStep } from "./guided-state.js";
import { FilePicker } from "./FilePicker.js";
import { ModePicker } from "./ModePicker.js";
import { ValidationStep } from "./ValidationStep.js";

export type GuidedAppProps = {
  readonly store: GuidedStore;
  /** Columns and rows; by default the terminal's. */
  readonly size?: { columns: number; rows: number } | undefined;
};

/** Steps where the keyboard goes to a text field, so `q` is typed rather than quitting. */
const typingSteps: ReadonlySet<GuidedStep> = new Set(["pick-file", "choose-connection"]);

/**
`oathkit` with no arguments: file → validation → mode → tenant → plan → confirm → progress →
summary. Every step the user takes is an intent; the controller answers with events.
*/
export function GuidedApp({ store, size }: GuidedAppProps) {
  const state = useStoreState(store);
  const terminal = useWindowSize();
  const width = screenWidth(size?.columns ?? terminal.columns);
  const rows = size?.rows ?? terminal.rows;
  const send = store.send;
  const checking =
    state.fromDevice && (state.device.status === "entering" || state.device.status === "checking");
  useInput((input, key) => {
    if ((key.ctrl && input === "c") || (input === "q" && !typingSteps.has(state.step)))
      send({ type: "quit" });
    else if (key.escape) send({ type: "back" });
    else if (key.tab && checking && state.device.current !== null)
      send({ type: "device-skip", serialNumber: state.device.current.serialNumber });
  });
  return (
    <Box flexDirection="column" width={width}>
      {state.step === "pick-file" && (
        <FilePicker
          files={state.files}
          error={state.fileError}
          onChoose={(path) => send({ type: "choose-file", path })}
        />
      )}
      {state.step === "validating" && <Spinner label={`Validating ${state.path ?? ""}…`} />}
      {state.step === "validation" && state.validation !== null && (
        <ValidationStep view={state.validation} send={send} width={width} rows={rows} />
      )}
      {state.step === "choose-mode" && (
        <ModePicker
          onChoose={(mode, fromDevice) => send({ type: "choose-mode", mode, fromDevice })}
        />
      )}
      {state.step === "choose-connection" && (
        <ConnectionForm
          onChoose={(connection) => send({ type: "choose-connection", connection })}
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
      <Box marginTop={1}>
        <Text dimColor>{state.step === "run" ? runHint(state.run) : hints[state.step]}</Text>
      </Box>
    </Box>
  );
}

const hints: Record<GuidedStep, string> = {
  "pick-file": "Enter choose · Ctrl-C quit",
  validating: "Ctrl-C quit",
  validation: "Enter continue · Esc back · q quit",
  "choose-mode": "Enter choose · Esc back · q quit",
  "choose-connection": "Enter choose · Esc back · Ctrl-C quit",
  run: "",
};

/** The run screens carry their own key hints while the run is going. */
function runHint(run: ProgressState): string {
  if (run.summary !== null || run.fatal !== null) return "q quit";
  return run.phase === "plan" && run.decision === null ? "y go on · n stop · q quit" : "";
}
