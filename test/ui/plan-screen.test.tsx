import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import type { PlanCounts } from "../../src/events/counts.js";
import { PlanScreen } from "../../src/ui/PlanScreen.js";
import { plain } from "../helpers/ui-fixtures.js";

/** The plan of an activate run whose rows all end before the first write. */
function nothingToDo(counts: Partial<PlanCounts>): string {
  const ui = render(
    <PlanScreen
      preflight={{
        command: "activate",
        target: {
          tenantId: "8d1e6f0a-4b7c-4c2e-9a51-3f6b2d7e9c10",
          tenantDomain: null,
          graphHost: "graph.microsoft.com",
          signedInAs: { kind: "user", id: "adele@contoso.example", name: null },
          emulator: false,
        },
        policyState: "enabled",
        clock: { source: "local", offsetMs: 0, uncertaintyMs: 10 },
        alreadyPresent: counts.alreadyDone ?? 0,
        resumed: 0,
      }}
      plan={{
        counts: {
          rows: 8,
          rejectedByValidation: 0,
          rejectedByPreflight: 0,
          alreadyDone: 0,
          toDo: 0,
          create: 0,
          assign: 0,
          activate: 0,
          ...counts,
        },
        dryRun: false,
      }}
      rejectedRows={[]}
      warnings={[]}
      width={80}
      ask
      onConfirm={() => {}}
      onCancel={() => {}}
    />,
  );
  const frame = plain(ui.lastFrame());
  ui.unmount();
  return frame.split("\n").at(-1)!.trim();
}

describe("a plan with nothing to do says why", () => {
  it("every row rejected is not 'already done'", () => {
    expect(nothingToDo({ rejectedByPreflight: 8 })).toBe(
      "ℹ Nothing to do: every row was rejected.",
    );
    expect(nothingToDo({ alreadyDone: 8 })).toBe("ℹ Nothing to do: every token is already done.");
    expect(nothingToDo({ alreadyDone: 5, rejectedByValidation: 3 })).toBe(
      "ℹ Nothing to do: every row is already done or was rejected.",
    );
  });
});
