import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import type { PlanCounts } from "../../src/events/counts.js";
import { PlanScreen, type PlanScreenProps } from "../../src/ui/PlanScreen.js";
import { plain } from "../helpers/ui-fixtures.js";

const target = {
  tenantId: "8d1e6f0a-4b7c-4c2e-9a51-3f6b2d7e9c10",
  tenantDomain: null,
  graphHost: "graph.microsoft.com",
  signedInAs: { kind: "user" as const, id: "adele@contoso.example", name: null },
  emulator: false,
};

/** The plan screen of an activate run of 8 rows with these counts, as plain text. */
function planScreen(counts: Partial<PlanCounts>, validation?: PlanScreenProps["validation"]) {
  const ui = render(
    <PlanScreen
      preflight={{
        command: "activate",
        target,
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
      validation={validation}
      warnings={[]}
      width={80}
      ask
      onConfirm={() => {}}
      onCancel={() => {}}
    />,
  );
  const frame = plain(ui.lastFrame());
  ui.unmount();
  return frame;
}

/** The last line of the plan of a run whose rows all end before the first write. */
const nothingToDo = (counts: Partial<PlanCounts>): string =>
  planScreen(counts).split("\n").at(-1)!.trim();

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

describe("before the question", () => {
  it("says the file was read although others may read it (--allow-insecure-permissions)", () => {
    const message =
      "group or others may read this seed file (mode 0644); read anyway because of --allow-insecure-permissions";
    const screen = planScreen(
      { toDo: 8, activate: 8 },
      {
        file: "open.csv",
        format: "csv",
        seedEncoding: "base32",
        rows: 8,
        valid: 8,
        rejected: 0,
        issues: [
          { line: 1, field: null, code: "insecure-permissions", severity: "warning", message },
        ],
      },
    );
    expect(screen.replace(/\s+/gu, " ")).toContain(`⚠ ${message}`);
    expect(screen.indexOf("Go on?")).toBeGreaterThan(screen.indexOf("mode 0644"));
  });
});
