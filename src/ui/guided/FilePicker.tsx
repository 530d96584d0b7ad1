import { useRef, useState } from "react";
import { Box, Text, useInput } from "ink";
import { ErrorBanner } from "../ErrorBanner.js";
import { fit, wrap } from "../format.js";
import { KeyHint } from "./KeyHint.js";
import { LineInput } from "./LineInput.js";

export type FilePickerProps = {
  /** Seed files of the current folder, then of its samples/ folder (.csv, .xml, .pskc, .txt). */
  readonly files: readonly string[];
  readonly error: { message: string; hint: string | null } | null;
  /** Lines the picker may use, its key hint included. */
  readonly rows: number;
  readonly width: number;
  /** A path typed before (not one of `files`): the path field opens with it, to correct or reuse. */
  readonly typed: string | null;
  /** The file opened before (Esc back from its validation): the list opens on it. */
  readonly opened?: string | null;
  readonly onChoose: (path: string) => void;
};

const typeOwn = "Type a path…";

type PickerView = { focus: number; top: number; typing: string | null; draft: string };

/**
Step 1: pick a seed file from the list, or type a path. Typing any character opens the path
field with it; "Type a path…" does too. When the list is longer than the screen, it scrolls
and says how many entries are above and below. Esc in the path field goes back to the list.
*/
export function FilePicker({
  files,
  error,
  rows,
  width,
  typed,
  opened = null,
  onChoose,
}: FilePickerProps) {
  // View-only state, like Select's focus: the focused entry, the first one shown, the path field
  // and what was typed in it (kept when Esc goes back to the list). Several keys can arrive in one
  // chunk (a fast typist, a paste), all handled before the next render: the key handler reads and
  // writes the ref, never the render's copy, so Down then Enter chooses the entry below.
  const at = opened === null ? 0 : Math.max(0, files.indexOf(opened));
  const [view, setView] = useState<PickerView>({
    focus: at,
    top: at,
    typing: typed ?? (files.length === 0 ? "" : null),
    draft: typed ?? "",
  });
  const latest = useRef(view);
  const update = (change: (v: PickerView) => Partial<PickerView>): void => {
    latest.current = { ...latest.current, ...change(latest.current) };
    setView(latest.current);
  };
  const { focus, top, typing } = view;
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
  const move = (by: number): void =>
    update(({ focus: from, top: t }) => {
      const next = Math.min(entries.length - 1, Math.max(0, from + by));
      return { focus: next, top: next < t ? next : next >= t + visible ? next - visible + 1 : t };
    });
  // A path and its Enter in one chunk arrive as one input: the line break submits it.
  const submit = (value: string): void => {
    const path = value.split(/[\r\n]/u)[0]?.trim() ?? "";
    if (path !== "") onChoose(path);
  };
  useInput(
    (input, key) => {
      const now = latest.current;
      if (now.typing !== null) {
        if (key.escape) update(() => ({ typing: null }));
        return;
      }
      if (key.upArrow) move(-1);
      else if (key.downArrow) move(1);
      else if (key.pageUp) move(-visible);
      else if (key.pageDown) move(visible);
      else if (key.return) {
        const chosen = files[now.focus];
        if (chosen === undefined) update((v) => ({ typing: v.draft }));
        else onChoose(chosen);
      } else if (!key.ctrl && !key.meta && !key.escape && !key.tab && /^[^\s\p{C}]/u.test(input)) {
        if (/[\r\n]/u.test(input)) submit(input);
        else update(() => ({ typing: input, draft: input }));
      }
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
          <LineInput
            defaultValue={typing}
            placeholder="tokens.csv"
            onChange={(value) => update(() => ({ draft: value }))}
            onSubmit={submit}
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
