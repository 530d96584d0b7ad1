import { useState } from "react";
import { Box, Text } from "ink";
import { Select, TextInput } from "@inkjs/ui";
import { ErrorBanner } from "../ErrorBanner.js";

export type FilePickerProps = {
  /** Seed files in the current folder (.csv, .xml, .pskc, .txt). */
  readonly files: readonly string[];
  readonly error: { message: string; hint: string | null } | null;
  readonly onChoose: (path: string) => void;
};

const typeOwn = "\u0000type";

/** Step 1: pick a seed file from the folder, or type a path. */
export function FilePicker({ files, error, onChoose }: FilePickerProps) {
  // View-only state, like Select's focus: whether the path field is open.
  const [typing, setTyping] = useState(files.length === 0);
  return (
    <Box flexDirection="column">
      <Text bold>Seed file</Text>
      {error !== null && <ErrorBanner message={error.message} hint={error.hint} />}
      {typing ? (
        <Box gap={1}>
          <Text>Path:</Text>
          <TextInput
            placeholder="tokens.csv"
            onSubmit={(value) => {
              if (value.trim() !== "") onChoose(value.trim());
            }}
          />
        </Box>
      ) : (
        <>
          <Text>Pick the vendor's seed file (↑↓, Enter):</Text>
          <Select
            visibleOptionCount={8}
            options={[
              ...files.map((f) => ({ label: f, value: f })),
              { label: "Type a path…", value: typeOwn },
            ]}
            onChange={(value) => (value === typeOwn ? setTyping(true) : onChoose(value))}
          />
        </>
      )}
    </Box>
  );
}
