import { Box, Text } from "ink";
import { Spinner, StatusMessage } from "@inkjs/ui";
import { CodeInput } from "./CodeInput.js";
import type { DeviceCheckState } from "./device-check-state.js";
import type { DeviceCheckVerdict } from "../events/device-check-events.js";

export type DeviceCheckScreenProps = {
  readonly state: DeviceCheckState;
  readonly width: number;
  /** Called with the typed code on Enter; the caller sends it to the controller and forgets it. */
  readonly onCode: (code: string) => void;
};

/**
`activate --from-device`: one token at a time, the operator types the code the device shows.
The entry is masked, digits only, and its value lives only inside CodeInput until Enter.
*/
export function DeviceCheckScreen({ state, width, onCode }: DeviceCheckScreenProps) {
  const t = state.tally;
  const current = state.current;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>
        {`Device check${current === null ? "" : ` · token ${current.index} of ${state.total}`}`}
      </Text>
      {current !== null && state.status !== "finished" && (
        <Box flexDirection="column" paddingLeft={2}>
          {/* Wrapped, never cut: the operator matches the serial with the one on the device. */}
          <Text>{`Serial  ${current.serialNumber}`}</Text>
          <Text>{`User    ${current.upn ?? "—"}`}</Text>
        </Box>
      )}
      {state.verdict !== null && (
        <Verdict serialNumber={state.verdict.serialNumber} verdict={state.verdict.verdict} />
      )}
      {state.status === "entering" && current !== null && (
        <Box flexDirection="column" marginTop={1}>
          <CodeInput
            key={`${current.serialNumber}/${current.attempt}`}
            label="Code shown on the token:"
            onSubmit={onCode}
          />
          <Text dimColor>Enter to check · Tab to skip this token · q to stop</Text>
        </Box>
      )}
      {state.status === "checking" && <Spinner label="Checking the code…" />}
      {state.status === "finished" && (
        <StatusMessage variant="success">Device check finished.</StatusMessage>
      )}
      {state.stopping && state.status !== "finished" && (
        <StatusMessage variant="warning">Stopping after the current requests…</StatusMessage>
      )}
      <Box marginTop={1}>
        <Text>{`Checked ${t.checked} · Matched ${t.matched} · Mismatched ${t.mismatched} · Skipped ${t.skipped}`}</Text>
      </Box>
    </Box>
  );
}

type VerdictProps = { readonly serialNumber: string; readonly verdict: DeviceCheckVerdict };

function Verdict({ serialNumber, verdict }: VerdictProps) {
  if (verdict.kind === "mismatch") {
    return (
      <Box flexDirection="column">
        <StatusMessage variant="error">{`${serialNumber}: the code does not match this seed.`}</StatusMessage>
        <Box paddingLeft={2}>
          <Text>{verdict.message}</Text>
        </Box>
      </Box>
    );
  }
  const drift =
    verdict.driftSteps === 0 && verdict.driftSeconds === 0
      ? "no drift"
      : `drift ${signed(verdict.driftSteps)} ${Math.abs(verdict.driftSteps) === 1 ? "step" : "steps"} (${signed(verdict.driftSeconds)} s)`;
  return (
    <StatusMessage variant="success">{`${serialNumber}: the code matches, ${drift}.`}</StatusMessage>
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
