import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/validate/issue.js";
import { ErrorBanner } from "../../src/ui/ErrorBanner.js";
import { IssuesTable } from "../../src/ui/IssuesTable.js";
import { scroll } from "../../src/ui/scroll-state.js";
import { SummaryScreen } from "../../src/ui/SummaryScreen.js";
import { ValidationScreen } from "../../src/ui/ValidationScreen.js";
import { plain, summary } from "./fixtures.js";

/** Codes the validate branch defines; main knows only unknown-column so far. */
const code = (text: string) => text as Issue["code"];

const issues: Issue[] = Array.from({ length: 12 }, (_, i) => ({
  line: i + 2,
  field: i % 3 === 0 ? "secretKey" : i % 3 === 1 ? "timeIntervalInSeconds" : null,
  code: code(i % 3 === 0 ? "seed-not-base32" : i % 3 === 1 ? "interval-invalid" : "unknown-column"),
  severity: i % 3 === 2 ? "warning" : "error",
  message:
    i % 3 === 0
      ? "secret key has characters outside A–Z and 2–7"
      : i % 3 === 1
        ? "time interval must be 30 or 60"
        : 'column "notes" is ignored',
}));

describe("screens", () => {
  it("scrolls the issues table by page", () => {
    const offset = scroll(scroll(0, "page-down", issues.length, 5), "down", issues.length, 5);
    expect(offset).toBe(5);
    expect(scroll(offset, "end", issues.length, 5)).toBe(7);
    expect(scroll(offset, "page-down", issues.length, 5)).toBe(7);
    expect(scroll(1, "page-up", issues.length, 5)).toBe(0);
    const ui = render(<IssuesTable issues={issues} offset={offset} height={5} width={80} />);
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Line       Field                 Code             Message
         7 warn  —                     unknown-column   column "notes" is ignored
         8 error secretKey             seed-not-base32  secret key has characters out…
         9 error timeIntervalInSeconds interval-invalid time interval must be 30 or 60
        10 warn  —                     unknown-column   column "notes" is ignored
        11 error secretKey             seed-not-base32  secret key has characters out…
      Issues 6–10 of 12 · ↑↓ PgUp PgDn to scroll"
    `);
    ui.unmount();
  });

  it("shows the validation result with the seed encoding chosen", () => {
    const ui = render(
      <ValidationScreen
        view={{
          file: "tokens.csv",
          format: "csv",
          seedEncoding: "base32",
          rows: 12,
          valid: 10,
          rejected: 2,
          issues: issues.slice(0, 3),
        }}
        offset={0}
        height={10}
        width={80}
      />,
    );
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Validation
      File tokens.csv · Format csv · Seed encoding base32
      Rows 12 · Valid 10 · Rejected 2

      ⚠ 2 rows rejected; only the 10 valid rows can go on.

      Line       Field                 Code             Message
         2 error secretKey             seed-not-base32  secret key has characters out…
         3 error timeIntervalInSeconds interval-invalid time interval must be 30 or 60
         4 warn  —                     unknown-column   column "notes" is ignored
      Issues 1–3 of 3"
    `);
    ui.unmount();
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
