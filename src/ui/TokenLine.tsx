import { Text } from "ink";
import type { FinishedRow } from "./progress-state.js";
import { fit } from "./format.js";

export type TokenLineProps = { readonly row: FinishedRow; readonly width: number };

const mark = { activated: "✔", assigned: "✔", available: "✔", skipped: "-", failed: "✘" } as const;
const colour = {
  activated: "green",
  assigned: "green",
  available: "green",
  skipped: undefined,
  failed: "red",
} as const;

/** One finished token: serial, UPN, final state. Printed once, above the live area. */
export function TokenLine({ row, width }: TokenLineProps) {
  const state = row.state;
  const upnWidth = Math.max(10, width - 2 - 20 - 1 - 10 - 1);
  return (
    <Text>
      <Text color={colour[state]}>{mark[state]}</Text>
      {` ${fit(row.serialNumber, 20).padEnd(20)} ${fit(row.upn ?? "—", upnWidth).padEnd(upnWidth)} ${state}`}
    </Text>
  );
}
