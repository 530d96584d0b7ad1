import { Box, Text } from "ink";
import { Select } from "@inkjs/ui";
import type { ImportMode } from "../../provision/types.js";

export type ModePickerProps = { readonly onChoose: (mode: ImportMode) => void };

const modes: ReadonlyArray<{ label: string; value: ImportMode }> = [
  {
    label: "Activate — create, assign to each user and activate (no enrolment)",
    value: "activate",
  },
  { label: "Assign — create and assign; users activate their own token", value: "assign" },
  { label: "Inventory — create unassigned, for self-service", value: "inventory" },
];

/** Step 3: what the import does with each token. */
export function ModePicker({ onChoose }: ModePickerProps) {
  return (
    <Box flexDirection="column">
      <Text bold>Mode</Text>
      <Select
        options={[...modes]}
        onChange={(value) => {
          const mode = modes.find((m) => m.value === value);
          if (mode !== undefined) onChoose(mode.value);
        }}
      />
    </Box>
  );
}
