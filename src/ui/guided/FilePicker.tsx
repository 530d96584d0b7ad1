import { useState } from "react";
import { Box, Text, useInput } from "ink";
import { TextInput } from "@inkjs/ui";
import { ErrorBanner } from "../ErrorBanner.js";
import { fit, wrap } from "../format.js";
import { KeyHint } from "./KeyHint.js";

export type FilePickerProps = {
  /** Seed files of the current folder, then of its samples/ folder (.csv, .xml, .pskc, .txt). */
  readonly files: readonly string[];
  readonly error: { message: string; hint: string | null } | null;
  /** Lines the picker may use, its key hint included. */
  readonly rows: number;
  readonly width: number;
  readonly onChoose: (path: string) => void;
};

const typeOwn = "Type a path…";

/**
Step 1: pick a seed file from the list, or type a path. Typing any character opens the path
field with it; "Type a path…" does too. When the list is longer than the screen, it scrolls
and says how many entries are above and below. Esc in the path field goes back to the list.
*/
export function FilePicker({ files, error, rows, width, onChoose }: FilePickerProps) {
  // View-only state, like Select's focus: the focused entry, the first one shown, the path field.
  const [{ focus, top }, setList] = useState({ focus: 0, top: 0 });
  const [typing, setTyping] = useState<string | null>(files.length === 0 ? "" : null);
  const entries = [...files, typeOwn];
  const errorLines =
    error === null
      ? 0
      : wrap(error.message, width - 2).length +
        (error.hint === null ? 0 : wrap(error.hint, width - 2).length);
  // Title, prompt, key hint with its blank line, and the error; then the entries.
  const room = Math.max(1, rows - 4 - errorLines);
  const fits = entries.length <= room;
  const visible = fits ? entries.length : Math.max(1, room - 2);
  // Functional updates: several keys can arrive in one chunk, before the next render.
  const move = (by: number): void =>
    setList((list) => {
      const next = Math.min(entries.length - 1, Math.max(0, list.focus + by));
      const t = list.top;
      return { focus: next, top: next < t ? next : next >= t + visible ? next - visible + 1 : t };
    });
  useInput(
    (input, key) => {
      if (typing !== null) {
        if (key.escape) setTyping(null);
        return;
      }
      if (key.upArrow) move(-1);
      else if (key.downArrow) move(1);
      else if (key.pageUp) move(-visible);
      else if (key.pageDown) move(visible);
      else if (key.return) {
        const chosen = files[focus];
        if (chosen === undefined) setTyping("");
        else onChoose(chosen);
      } else if (!key.ctrl && !key.meta && !key.escape && !key.tab && /^[^\s\p{C}]/u.test(input))
        setTyping(input);
    },
    { isActive: true },
  );
  const shownTop = fits ? 0 : Math.min(top, entries.length - visible);
  const shown = entries.slice(shownTop, shownTop + visible);
  const below = entries.length - shownTop - shown.length;
  return (
    <Box flexDirection="column">
      <Text bold>Seed file</Text>
      {error !== null && <ErrorBanner message={error.message} hint={error.hint} />}
      {typing !== null ? (
        <Box gap={1}>
          <Text>Path:</Text>
          <TextInput
            defaultValue={typing}
            placeholder="tokens.csv"
            onSubmit={(value) => {
              if (value.trim() !== "") onChoose(value.trim());
            }}
          />
        </Box>
      ) : (
        <>
          <Text>{fit("Pick a seed file, or type its path:", width)}</Text>
          {!fits && <Text dimColor>{shownTop > 0 ? `  ↑ ${shownTop} more` : " "}</Text>}
          {shown.map((entry, i) => (
            <Text key={entry} color={shownTop + i === focus ? "blue" : undefined}>
              {fit(`${shownTop + i === focus ? "❯" : " "} ${entry}`, width)}
            </Text>
          ))}
          {!fits && (
            <Text dimColor>
              {below > 0 ? `  ↓ ${below} more (${entries.length - 1} files)` : " "}
            </Text>
          )}
        </>
      )}
      <KeyHint
        text={
          typing !== null
            ? "Enter open · Esc back to the list · Ctrl-C quit"
            : "↑↓ Enter choose · type a path · Ctrl-C quit"
        }
      />
    </Box>
  );
}
