import { useRef, useState } from "react";
import { Box, Text, useInput } from "ink";

export type CodeInputProps = {
  readonly label: string;
  /** Digits of a code: the device check takes exactly 6 (Entra's hardware tokens show 6). */
  readonly digits?: number;
  /** Called on Enter once every digit is typed; the caller sends the code on and forgets it. */
  readonly onSubmit: (code: string) => void;
};

/**
A masked field for a code read off a device: digits only (anything else is refused as typed and
says so), at most `digits` of them, and Enter checks only a complete code. The digits live in a
ref inside this component until Enter — never in a store, a reducer or a frame (one `*` each).
A ref rather than state: keys that arrive in one chunk (a paste, a fast terminal) each see the
digits before them.
*/
export function CodeInput({ label, digits = 6, onSubmit }: CodeInputProps) {
  const code = useRef("");
  const [typed, setTyped] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const submit = (): void => {
    if (code.current.length !== digits) {
      setNote(`${digits} digits needed`);
      return;
    }
    const value = code.current;
    code.current = "";
    setTyped(0);
    onSubmit(value);
  };
  useInput((input, key) => {
    if (key.backspace || key.delete) {
      code.current = code.current.slice(0, -1);
      setTyped(code.current.length);
      setNote(null);
      return;
    }
    if (key.ctrl || key.meta || key.tab || key.escape || key.upArrow || key.downArrow) return;
    // q is the device check's stop key (its screen says so): not a letter typed into the code.
    if (input === "q") return;
    if (key.leftArrow || key.rightArrow) return;
    // A paste can end with its own newline: the digits go in first, then it counts as Enter.
    const enter = key.return || /[\r\n]/u.test(input);
    // Spaces are how some devices group the digits ("123 456"): skipped, not refused.
    const chars = input.replace(/\s/gu, "");
    if (!/^\d*$/u.test(chars)) {
      setNote("digits only");
      return;
    }
    if (chars !== "") {
      const next = code.current + chars;
      code.current = next.slice(0, digits);
      setTyped(code.current.length);
      setNote(next.length > digits ? `${digits} digits at most` : null);
    }
    if (enter) submit();
  });
  return (
    <Box gap={1}>
      <Text>{label}</Text>
      <Text>
        {"*".repeat(typed)}
        <Text inverse> </Text>
      </Text>
      {note !== null && <Text color="yellow">{note}</Text>}
    </Box>
  );
}
