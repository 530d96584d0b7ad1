import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { ErrorBanner } from "../../src/ui/ErrorBanner.js";
import { SummaryScreen } from "../../src/ui/SummaryScreen.js";
import { TokenLine } from "../../src/ui/TokenLine.js";
import { plain, summary } from "./fixtures.js";

describe("screens", () => {
  it("summarises a finished run with the report and failures paths", () => {
    const ui = render(
      <SummaryScreen
        summary={{ ...summary, counts: { ...summary.counts, rejected: 0 }, failuresPath: null }}
        width={80}
      />,
    );
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Summary
      ✔ Import finished: 3 tokens done.
        Rows 5 · Rejected 0 · Created 3 · Skipped 1 · Failed 0
        Activated 3 · Assigned 0 · Available 0 · Took 4 s

      Report    tokens.report.csv"
    `);
    ui.unmount();
  });

  it("wraps the report path and a finished token's UPN below 80 columns, never cuts them", () => {
    const ui = render(
      <SummaryScreen
        summary={{
          ...summary,
          counts: { ...summary.counts, rejected: 0 },
          failuresPath: null,
          reportPath: "/home/admin/oathkit-runs/tokens-batch-2026-12-01-09f43f53/import.csv",
        }}
        width={60}
      />,
    );
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Summary
      ✔ Import finished: 3 tokens done.
        Rows 5 · Rejected 0 · Created 3 · Skipped 1 · Failed 0
        Activated 3 · Assigned 0 · Available 0 · Took 4 s

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
