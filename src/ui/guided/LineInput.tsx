import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { TextInput } from "@inkjs/ui";

export type LineInputProps = {
  readonly defaultValue: string;
  readonly placeholder: string;
  /** Enter, or a line break in what arrived: the text before it. */
  readonly onSubmit: (line: string) => void;
  readonly onChange?: ((value: string) => void) | undefined;
};

/**
A one-line text field. Text and its Enter in one chunk (a paste, a fast typist) reach TextInput as
one input holding a line break, which it would keep in the value: here the line break submits
the text before it, and the field shows that text without the break (if it stays on screen).

TextInput calls onChange from an effect that runs again whenever onChange is a new function: the
handlers given to it are one function each for the field's life, reading the latest props, so a
parent that sets state on change does not loop ("Maximum update depth exceeded").
*/
export function LineInput({ defaultValue, placeholder, onSubmit, onChange }: LineInputProps) {
  const latest = useRef({ onSubmit, onChange });
  useLayoutEffect(() => {
    latest.current = { onSubmit, onChange };
  });
  // A new field (key) holding the submitted line, when a chunk carried a line break.
  const [field, setField] = useState({ key: 0, value: defaultValue });
  const changed = useCallback((value: string): void => {
    const lineBreak = /[\r\n]/u.exec(value);
    if (lineBreak === null) {
      latest.current.onChange?.(value);
      return;
    }
    const line = value.slice(0, lineBreak.index);
    setField(({ key }) => ({ key: key + 1, value: line }));
    latest.current.onChange?.(line);
    latest.current.onSubmit(line);
  }, []);
  const submitted = useCallback((value: string): void => latest.current.onSubmit(value), []);
  return (
    <TextInput
      key={field.key}
      defaultValue={field.value}
      placeholder={placeholder}
      onChange={changed}
      onSubmit={submitted}
    />
  );
}
