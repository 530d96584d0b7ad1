import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { ErrorBanner } from "../../src/ui/ErrorBanner.js";
import { SummaryScreen } from "../../src/ui/SummaryScreen.js";
import { TokenLine } from "../../src/ui/TokenLine.js";
import { plain, summary } from "../helpers/ui-fixtures.js";

describe("screens", () => {
  it("gives the command that finishes a stopped run a line of its own, whole at 100 columns", () => {
    const rerun =
      "npm --prefix /work/oathkit run oathkit -- import big.csv --profile p --use-server-time";
    const ui = render(
      <SummaryScreen summary={{ ...summary, interrupted: true }} width={100} rerun={rerun} />,
    );
    const lines = plain(ui.lastFrame()).split("\n");
    ui.unmount();
    // Pasted as shown, it is the whole command: no word of it on the next line.
    expect(lines).toContain(`  ${rerun}`);
    expect(lines.some((l) => l.includes("--use-server-time") && !l.includes(rerun))).toBe(false);
  });

  it("summarises a finished run with the report and failures paths", () => {
    const ui = render(
      <SummaryScreen
        summary={{
          ...summary,
          counts: { ...summary.counts, rejectedByPreflight: 0, alreadyDone: 2 },
          failuresPath: null,
        }}
        width={80}
      />,
    );
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Summary
      ✔ Import finished: 3 tokens done.
        5 rows: 3 activated, 0 assigned, 0 available, 2 already done
        0 failed, 0 not attempted, 0 rejected
        3 created by this run · took 4 s

      Report    tokens.report.csv"
    `);
    ui.unmount();
  });

  it("wraps the report path and a finished token's UPN below 80 columns, never cuts them", () => {
    const ui = render(
      <SummaryScreen
        summary={{
          ...summary,
          failuresPath: null,
          reportPath: "/home/admin/oathkit-runs/tokens-batch-2026-12-01-09f43f53/import.csv",
        }}
        width={60}
      />,
    );
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Summary
      ⚠ Import finished: 3 tokens done, 0 failed, 1 rejected.
        5 rows: 3 activated, 0 assigned, 0 available, 1 already done
        0 failed, 0 not attempted, 1 rejected (0 by validation, 1 by pre-flight)
        3 created by this run · took 4 s

      Report    /home/admin/oathkit-runs/tokens-batch-2026-12-01-0
                9f43f53/import.csv"
    `);
    ui.unmount();
    const line = render(
      <TokenLine
        row={{
          serialNumber: "60234505",
          upn: "diego.siciliani@contoso.example",
          state: "activated",
        }}
        width={60}
      />,
    );
    expect(plain(line.lastFrame())).toBe("✔ 60234505 diego.siciliani@contoso.example activated");
    line.unmount();
  });

  it("shows a fatal error as one sentence and a hint", () => {
    const ui = render(
      <ErrorBanner
        message="Sign-in failed: the tenant refused the client id."
        hint="Check --tenant and --client-id, or try --emulator."
      />,
    );
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "✘ Sign-in failed: the tenant refused the client id.
        Check --tenant and --client-id, or try --emulator."
    `);
    ui.unmount();
  });
});
