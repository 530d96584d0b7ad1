import { Box, Text } from "ink";
import { Select } from "@inkjs/ui";
import type { ImportMode } from "../../events/run-summary.js";

export type ModePickerProps = {
  readonly onChoose: (mode: ImportMode, fromDevice: boolean) => void;
};

const modes: ReadonlyArray<{
  label: string;
  value: string;
  mode: ImportMode;
  fromDevice: boolean;
}> = [
  {
    label: "Activate — create, assign to each user and activate (no enrolment)",
    value: "activate",
    mode: "activate",
    fromDevice: false,
  },
  {
    label: "Assign — create and assign; users activate their own token",
    value: "assign",
    mode: "assign",
    fromDevice: false,
  },
  {
    label: "Inventory — create unassigned, for self-service",
    value: "inventory",
    mode: "inventory",
    fromDevice: false,
  },
  {
    label: "Activate with the code shown on each device (device check)",
    value: "activate-from-device",
    mode: "activate",
    fromDevice: true,
  },
];

/** Step 3: what the import does with each token. */
export function ModePicker({ onChoose }: ModePickerProps) {
  return (
    <Box flexDirection="column">
      <Text bold>Mode</Text>
      <Select
        options={modes.map(({ label, value }) => ({ label, value }))}
        onChange={(value) => {
          const mode = modes.find((m) => m.value === value);
          if (mode !== undefined) onChoose(mode.mode, mode.fromDevice);
        }}
      />
    </Box>
  );
}
