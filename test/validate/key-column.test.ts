import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { KeyColumn } from "../../src/validate/key-column.js";

describe("KeyColumn", () => {
  it("groups equal keys in row order, folding ASCII case only when asked", () => {
    const keys = [
      "Adele@x.example",
      "lee@x.example",
      "ADELE@X.EXAMPLE",
      "adele@x.example",
      "é",
      "É",
      "ab\u0100d",
      "ab\u0100d",
    ];
    const folded = new KeyColumn({ foldCase: true });
    const exact = new KeyColumn({ foldCase: false });
    keys.forEach((key, row) => {
      folded.set(row, key);
      exact.set(row, key);
    });
    expect(folded.repeats()).toEqual(
      expect.arrayContaining([
        [0, 2, 3],
        [6, 7],
      ]),
    );
    expect(folded.repeats()).toHaveLength(2);
    expect(exact.repeats()).toEqual([[6, 7]]);
  });

  it("finds exactly the repeated keys of any list (rows without a key are skipped)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ maxLength: 9 }), { nil: undefined }), { maxLength: 60 }),
        (keys) => {
          const column = new KeyColumn({ foldCase: false });
          keys.forEach((key, row) => {
            if (key !== undefined) column.set(row, key);
          });
          const expected = new Map<string, number[]>();
          keys.forEach((key, row) => {
            if (key !== undefined) expected.set(key, [...(expected.get(key) ?? []), row]);
          });
          const groups = [...expected.values()].filter((rows) => rows.length > 1);
          const byFirst = (x: number[], y: number[]) => x[0]! - y[0]!;
          expect(column.repeats().sort(byFirst)).toEqual(groups.sort(byFirst));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("finds the repeats among many unique keys (the candidate filter keeps every repeated row)", () => {
    const column = new KeyColumn({ foldCase: true });
    const expected = new Map<number, number[]>();
    for (let row = 0; row < 50_000; row++) {
      const id = row % 7 === 0 ? row % 1000 : row + 1000;
      column.set(row, `user${id}@contoso.example`);
      expected.set(id, [...(expected.get(id) ?? []), row]);
    }
    const groups = [...expected.values()].filter((rows) => rows.length > 1);
    const byFirst = (x: number[], y: number[]) => x[0]! - y[0]!;
    expect(column.repeats().sort(byFirst)).toEqual(groups.sort(byFirst));
  });

  it("a cleared row takes part in no repeat; clearing a row without a key changes nothing", () => {
    const column = new KeyColumn({ foldCase: false });
    for (const [row, key] of [
      [0, "a"],
      [1, "a"],
      [2, "a"],
      [4, "b"],
      [5, "b"],
    ] as const)
      column.set(row, key);
    column.clear(1);
    column.clear(3);
    column.clear(9);
    expect(column.repeats().sort((x, y) => x[0]! - y[0]!)).toEqual([
      [0, 2],
      [4, 5],
    ]);
    column.clear(5);
    expect(column.repeats()).toEqual([[0, 2]]);
  });

  it("returns the AND of the character classes over the key (0 past Latin-1)", () => {
    const classes = new Uint8Array(256);
    for (const c of "ABab") classes[c.charCodeAt(0)] = 1;
    for (const c of "ab01") classes[c.charCodeAt(0)]! |= 2;
    const column = new KeyColumn({ foldCase: true, charClasses: classes });
    expect(column.set(0, "abab")).toBe(3);
    expect(column.set(1, "ABABab")).toBe(1);
    expect(column.set(2, "ab01ab0")).toBe(2);
    expect(column.set(3, "abab\u0100")).toBe(0);
    expect(column.set(4, "")).toBe(0xff);
    expect(new KeyColumn({ foldCase: false }).set(0, "xyz")).toBe(0xff);
  });
});
