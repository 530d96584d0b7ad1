import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { fitsOnce } from "../../src/ui/render-validation.js";
import { keepInView, scroll, visibleCount } from "../../src/ui/scroll-state.js";
import { ValidationApp } from "../../src/ui/ValidationApp.js";
import type { ValidationView } from "../../src/ui/validation-view.js";
import type { Issue } from "../../src/issues/issue.js";
import { plain, tick } from "../helpers/ui-fixtures.js";

const issue = (
  line: number,
  severity: Issue["severity"],
  field: Issue["field"],
  code: string,
  message: string,
): Issue => ({ line, severity, field, code: code as Issue["code"], message });

/** What `validate samples/broken.csv` finds (the first nine issues, and the count of all 20 rows). */
const broken: ValidationView = {
  file: "samples/broken.csv",
  format: "csv",
  seedEncoding: "base32",
  rows: 20,
  valid: 3,
  rejected: 17,
  issues: [
    issue(1, "warning", null, "unknown-column", 'column "notes" is ignored'),
    issue(3, "error", "serialNumber", "serial-number-missing", "serial number is empty"),
    issue(
      4,
      "error",
      "serialNumber",
      "serial-number-scientific",
      'serial number "6.02346E+07" is in scientific notation (a spreadsheet changed it); take it from the vendor\'s original file',
    ),
    issue(
      5,
      "error",
      "serialNumber",
      "serial-number-duplicate",
      "serial number is already on line 2",
    ),
    issue(
      7,
      "error",
      "secretKey",
      "seed-not-base32",
      "secret key has characters outside A–Z and 2–7",
    ),
    issue(
      9,
      "error",
      "secretKey",
      "seed-too-long",
      "secret key is longer than Entra takes (90 bytes; at most 128 Base32 characters, 80 bytes)",
    ),
    issue(
      11,
      "error",
      "secretKey",
      "seed-weak",
      "seed has 80 bits; RFC 4226 asks for at least 128; pass --allow-weak-seeds to accept seeds of 80 bits or more",
    ),
    issue(
      13,
      "error",
      "timeIntervalInSeconds",
      "time-interval-invalid",
      'time interval "45" is not 30 or 60',
    ),
    issue(
      22,
      "error",
      null,
      "malformed-quotes",
      "a quoted field is never closed; the rest of the file was read into it",
    ),
  ],
};

const down = "\u001b[B";

async function show(
  columns: number,
  rows: number,
  keys: readonly string[] = [],
  scrollable = !fitsOnce(broken, columns, rows),
) {
  const ui = render(
    <ValidationApp view={broken} scrollable={scrollable} size={{ columns, rows }} />,
  );
  await tick();
  for (const key of keys) {
    ui.stdin.write(key);
    await tick(5);
  }
  const frame = plain(ui.lastFrame());
  ui.unmount();
  return frame;
}

/** Title, counts and verdict on screen, no line wider than the terminal, room for the cursor. */
function expectReadable(frame: string, columns: number, rows: number): void {
  const lines = frame.split("\n");
  expect(lines[0]).toBe("Validation");
  expect(frame).toContain("Rows 20 · Valid 3 · Rejected 17");
  expect(frame).toContain("⚠ 17 rows rejected; only the 3 valid rows can go on.");
  expect(lines.length).toBeLessThan(rows);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
}

describe("the issues window", () => {
  it("keeps the selection in view over issues of different heights", () => {
    const heights = [4, 2, 2, 4, 2];
    expect(visibleCount(heights, 0, 9)).toBe(3);
    expect(visibleCount(heights, 3, 1)).toBe(1); // taller than the room: shown cut
    expect(scroll({ selected: 2, top: 0 }, "down", heights, 9)).toEqual({ selected: 3, top: 1 });
    expect(scroll({ selected: 3, top: 1 }, "page-down", heights, 9)).toEqual({
      selected: 4,
      top: 2,
    });
    expect(scroll({ selected: 4, top: 3 }, "home", heights, 9)).toEqual({ selected: 0, top: 0 });
    expect(keepInView({ selected: 9, top: 9 }, heights, 9)).toEqual({ selected: 4, top: 4 });
  });
});

describe("the validation screen at 60×20, 80×24 and 120×40", () => {
  it("stacks the issues at 60×20: every message wrapped, title, counts and verdict kept", async () => {
    const frame = await show(60, 20);
    expectReadable(frame, 60, 20);
    expect(frame).toMatchInlineSnapshot(`
      "Validation
      File samples/broken.csv · Format csv · Seed encoding base32
      Rows 20 · Valid 3 · Rejected 17

      ⚠ 17 rows rejected; only the 3 valid rows can go on.

      ❯ line 1 · warn · unknown-column
          column "notes" is ignored
        line 3 · error · serialNumber · serial-number-missing
          serial number is empty
        line 4 · error · serialNumber · serial-number-scientific
          serial number "6.02346E+07" is in scientific notation (a
          spreadsheet changed it); take it from the vendor's
          original file
        line 5 · error · serialNumber · serial-number-duplicate
          serial number is already on line 2
      Issues 1–4 of 9

      ↑↓ select · Space full message · q, Esc or Enter leave"
    `);
  });

  it("moves the selection with ↓ and scrolls the list at 60×20", async () => {
    const frame = await show(60, 20, [down, down, down, down]);
    expectReadable(frame, 60, 20);
    expect(frame).toMatchInlineSnapshot(`
      "Validation
      File samples/broken.csv · Format csv · Seed encoding base32
      Rows 20 · Valid 3 · Rejected 17

      ⚠ 17 rows rejected; only the 3 valid rows can go on.

        line 3 · error · serialNumber · serial-number-missing
          serial number is empty
        line 4 · error · serialNumber · serial-number-scientific
          serial number "6.02346E+07" is in scientific notation (a
          spreadsheet changed it); take it from the vendor's
          original file
        line 5 · error · serialNumber · serial-number-duplicate
          serial number is already on line 2
      ❯ line 7 · error · secretKey · seed-not-base32
          secret key has characters outside A–Z and 2–7
      Issues 2–5 of 9

      ↑↓ select · Space full message · q, Esc or Enter leave"
    `);
  });

  it("stacks the issues at 80×24", async () => {
    const frame = await show(80, 24);
    expectReadable(frame, 80, 24);
    expect(frame).toMatchInlineSnapshot(`
      "Validation
      File samples/broken.csv · Format csv · Seed encoding base32
      Rows 20 · Valid 3 · Rejected 17

      ⚠ 17 rows rejected; only the 3 valid rows can go on.

      ❯ line 1 · warn · unknown-column
          column "notes" is ignored
        line 3 · error · serialNumber · serial-number-missing
          serial number is empty
        line 4 · error · serialNumber · serial-number-scientific
          serial number "6.02346E+07" is in scientific notation (a spreadsheet changed
          it); take it from the vendor's original file
        line 5 · error · serialNumber · serial-number-duplicate
          serial number is already on line 2
        line 7 · error · secretKey · seed-not-base32
          secret key has characters outside A–Z and 2–7
        line 9 · error · secretKey · seed-too-long
          secret key is longer than Entra takes (90 bytes; at most 128 Base32
          characters, 80 bytes)
      Issues 1–6 of 9

      ↑↓ select · Space full message · q, Esc or Enter leave"
    `);
  });

  it("draws a table at 120×40 and shows a cut message in full with Space", async () => {
    const table = await show(120, 40, [], true);
    expectReadable(table, 120, 40);
    expect(table).toMatchInlineSnapshot(`
      "Validation
      File samples/broken.csv · Format csv · Seed encoding base32
      Rows 20 · Valid 3 · Rejected 17

      ⚠ 17 rows rejected; only the 3 valid rows can go on.

        Line       Field                 Code                     Message
      ❯    1 warn  —                     unknown-column           column "notes" is ignored
           3 error serialNumber          serial-number-missing    serial number is empty
           4 error serialNumber          serial-number-scientific serial number "6.02346E+07" is in scientific notation (a sp…
           5 error serialNumber          serial-number-duplicate  serial number is already on line 2
           7 error secretKey             seed-not-base32          secret key has characters outside A–Z and 2–7
           9 error secretKey             seed-too-long            secret key is longer than Entra takes (90 bytes; at most 12…
          11 error secretKey             seed-weak                seed has 80 bits; RFC 4226 asks for at least 128; pass --al…
          13 error timeIntervalInSeconds time-interval-invalid    time interval "45" is not 30 or 60
          22 error —                     malformed-quotes         a quoted field is never closed; the rest of the file was re…
      Issues 1–9 of 9

      ↑↓ select · Space full message · q, Esc or Enter leave"
    `);
    const detail = await show(120, 40, [down, down, down, down, down, down, " "], true);
    expectReadable(detail, 120, 40);
    expect(detail).toMatchInlineSnapshot(`
      "Validation
      File samples/broken.csv · Format csv · Seed encoding base32
      Rows 20 · Valid 3 · Rejected 17

      ⚠ 17 rows rejected; only the 3 valid rows can go on.

      Line 11 · error · secretKey · seed-weak
      seed has 80 bits; RFC 4226 asks for at least 128; pass --allow-weak-seeds to accept seeds of 80 bits or more
      Issue 7 of 9

      ↑↓ select · Space back to the list · q, Esc or Enter leave"
    `);
  });

  it("draws everything once, messages wrapped in the table, when it fits", async () => {
    expect(fitsOnce(broken, 120, 40)).toBe(true);
    expect(fitsOnce(broken, 80, 24)).toBe(false);
    const ui = render(
      <ValidationApp view={broken} scrollable={false} size={{ columns: 120, rows: 40 }} />,
    );
    await tick();
    const frame = plain(ui.lastFrame());
    ui.unmount();
    expectReadable(frame, 120, 40);
    expect(frame).toMatchInlineSnapshot(`
      "Validation
      File samples/broken.csv · Format csv · Seed encoding base32
      Rows 20 · Valid 3 · Rejected 17

      ⚠ 17 rows rejected; only the 3 valid rows can go on.

        Line       Field                 Code                     Message
           1 warn  —                     unknown-column           column "notes" is ignored
           3 error serialNumber          serial-number-missing    serial number is empty
           4 error serialNumber          serial-number-scientific serial number "6.02346E+07" is in scientific notation (a
                                                                  spreadsheet changed it); take it from the vendor's original
                                                                  file
           5 error serialNumber          serial-number-duplicate  serial number is already on line 2
           7 error secretKey             seed-not-base32          secret key has characters outside A–Z and 2–7
           9 error secretKey             seed-too-long            secret key is longer than Entra takes (90 bytes; at most 128
                                                                  Base32 characters, 80 bytes)
          11 error secretKey             seed-weak                seed has 80 bits; RFC 4226 asks for at least 128; pass
                                                                  --allow-weak-seeds to accept seeds of 80 bits or more
          13 error timeIntervalInSeconds time-interval-invalid    time interval "45" is not 30 or 60
          22 error —                     malformed-quotes         a quoted field is never closed; the rest of the file was
                                                                  read into it
      Issues 1–9 of 9"
    `);
  });
});
