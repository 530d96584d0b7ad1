import { describe, expect, it } from "vitest";
import { readFeitian } from "../../src/seed-file/feitian.js";

// Fake seeds: RFC 6238's test secret in Base32 and hex.
const b32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const hex = "3132333435363738393031323334353637383930";

describe("readFeitian", () => {
  it("reads serial seed pairs with any run of spaces or tabs, keeping physical lines", () => {
    const text = `2600135004012 ${b32}\n\n  2600135004013\t\t${hex}  \r\n2600135004014 \t ${b32.toLowerCase()}\r\n`;
    expect(readFeitian(text)).toEqual([
      {
        line: 1,
        values: { serialNumber: "2600135004012" },
        secret: { kind: "text", text: b32 },
        issues: [],
        cells: ["2600135004012", b32],
      },
      {
        line: 3,
        values: { serialNumber: "2600135004013" },
        secret: { kind: "text", text: hex },
        issues: [],
        cells: ["2600135004013", hex],
      },
      {
        line: 4,
        values: { serialNumber: "2600135004014" },
        secret: { kind: "text", text: b32.toLowerCase() },
        issues: [],
        cells: ["2600135004014", b32.toLowerCase()],
      },
    ]);
  });

  it("reports a line without exactly two fields on that line, and leaves the others alone", () => {
    const text = `1 ${b32}\n2\n3 ${b32} extra\r4 ${hex}\n`;
    const records = readFeitian(text);
    expect(
      records.map((r) => [r.line, r.values.serialNumber, r.issues.map((i) => i.code)]),
    ).toEqual([
      [1, "1", []],
      [2, undefined, ["feitian-field-count"]],
      [3, undefined, ["feitian-field-count"]],
      [4, "4", []],
    ]);
    expect(records[2]!.issues[0]).toEqual({
      line: 3,
      field: null,
      code: "feitian-field-count",
      severity: "error",
      message: 'expected 2 fields, "serial seed", found 3',
    });
    expect(records[2]!.secret).toBeUndefined();
    for (const issue of records.flatMap((r) => r.issues)) {
      for (const form of [b32, b32.toLowerCase(), hex, hex.toUpperCase()]) {
        expect(issue.message).not.toContain(form);
      }
    }
  });

  it("reads nothing from a blank file", () => {
    expect(readFeitian("\n \n\t\n")).toEqual([]);
  });
});
