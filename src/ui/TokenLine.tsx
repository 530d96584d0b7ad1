import { Text } from "ink";
import type { FinishedRow } from "./progress-state.js";
import { fit } from "./format.js";

export type TokenLineProps = { readonly row: FinishedRow; readonly width: number };

const mark = {
  activated: "✔",
  assigned: "✔",
  available: "✔",
  "already-done": "-",
  rejected: "✘",
  failed: "✘",
  "not-attempted": "·",
} as const;
const colour = {
  activated: "green",
  assigned: "green",
  available: "green",
  "already-done": undefined,
  rejected: "red",
  failed: "red",
  "not-attempted": "yellow",
} as const;
/** The state as a person reads it. */
const words = {
  activated: "activated",
  assigned: "assigned",
  available: "available",
  "already-done": "already done",
  rejected: "rejected",
  failed: "failed",
  "not-attempted": "not attempted",
} as const;

/**
One finished token: serial, UPN, final state. Printed once, above the live area. In columns from
80 columns; below, the three are only spaced (and wrap), so no serial or UPN is cut.
*/
export function TokenLine({ row, width }: TokenLineProps) {
  const state = row.state;
  const upnWidth = Math.max(10, width - 2 - 20 - 1 - 13 - 1);
  const text =
    width < 80
      ? ` ${row.serialNumber} ${row.upn ?? "—"} ${words[state]}`
      : ` ${fit(row.serialNumber, 20).padEnd(20)} ${fit(row.upn ?? "—", upnWidth).padEnd(upnWidth)} ${words[state]}`;
  return (
    <Text>
      <Text color={colour[state]}>{mark[state]}</Text>
      {text}
    </Text>
  );
}
