import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import type { Device } from "../../src/graph/port.js";
import { holderReport } from "../../src/inventory/holder-report.js";
import { renderInventoryCsv } from "../../src/present/inventory-csv.js";
import type { InventoryToken } from "../../src/events/inventory.js";
import { planRemoval } from "../../src/inventory/remove-plan.js";
import { readSerialFile } from "../../src/inventory/serial-file.js";
import { textTable } from "../../src/present/text-table.js";
import { inventoryTotals } from "../../src/inventory/totals.js";
import { tempDir } from "../helpers/temp-dir.js";

/* The pure parts of list and remove: totals, holders, CSV cells, the serial reader, the plan. */

function token(serialNumber: string, extra: Partial<InventoryToken> = {}): InventoryToken {
  return {
    id: `id-${serialNumber}`,
    serialNumber,
    manufacturer: "Token2",
    model: "C202",
    hashFunction: "hmacsha1",
    timeIntervalInSeconds: 30,
    status: "available",
    assignedTo: null,
    lastUsedDateTime: null,
    ...extra,
  };
}

const ann = { id: "u1", userPrincipalName: "ann@example.com" };

describe("totals and holders", () => {
  it("counts by status and model, with keys a prototype would swallow", () => {
    const totals = inventoryTotals([
      token("1", { model: "__proto__" }),
      token("2", { status: "unknownFutureValue" }),
      token("3", { status: "activated" }),
    ]);
    expect(JSON.stringify(totals)).toBe(
      '{"byStatus":{"activated":1,"available":1,"unknownFutureValue":1},"byModel":{"C202":2,"__proto__":1}}',
    );
  });

  it("groups tokens by holder and flags more than one", () => {
    const report = holderReport([
      token("1", { assignedTo: ann }),
      token("2"),
      token("3", { assignedTo: ann, status: "activated" }),
      token("4", { assignedTo: { id: "u2", userPrincipalName: null } }),
    ]);
    expect(report.totals).toEqual({ holders: 2, multipleTokenHolders: 1, unassignedTokens: 1 });
    expect(
      report.holders.map((h) => [h.userPrincipalName, h.multipleTokens, h.tokens.length]),
    ).toEqual([
      ["ann@example.com", true, 2],
      [null, false, 1],
    ]);
  });
});

describe("CSV export", () => {
  it("escapes every formula-like cell and quotes delimiters", () => {
    const csv = renderInventoryCsv([
      token("=1+1", {
        model: "@SUM(A1)",
        manufacturer: "-x",
        hashFunction: "\tTAB",
        status: "\rCR",
      }),
      token("a,b", { model: 'say "hi"' }),
    ]);
    const lines = csv.split("\r\n");
    expect(lines[1]).toBe(`'=1+1,'-x,'@SUM(A1),'\tTAB,30,"'\rCR",,,,id-=1+1`);
    expect(lines[2]).toBe(`"a,b",Token2,"say ""hi""",hmacsha1,30,available,,,,"id-a,b"`);
  });
});

describe("remove --file reader", () => {
  const write = (text: string, mode = 0o600): string => {
    const path = join(tempDir(), "f.csv");
    writeFileSync(path, text, { mode });
    return path;
  };
  const read = (path: string) => readSerialFile(path, { allowInsecurePermissions: false });

  it("reads the serial column of a serial list with ; and a BOM, keeping leading zeros", async () => {
    const path = write('\uFEFFupn;Serial Number;note\r\na@x;00123;x\r\n\r\nb@x;"00,9";y\r\n');
    expect(await read(path)).toEqual(["00123", "00,9"]);
  });

  it("reads an oathkit report back, undoing the spreadsheet escape", async () => {
    const path = write(renderInventoryCsv([token("-5"), token("=x"), token("'y")]));
    expect(await read(path)).toEqual(["-5", "=x", "'y"]);
    expect(readFileSync(path, "utf8")).toContain("'-5");
  });

  it("refuses a file without a serial column (Feitian text, PSKC) with a hint", async () => {
    const path = write("60234567 JBSWY3DPEHPK3PXP\n");
    await expect(read(path)).rejects.toThrow(InputFileError);
    await expect(read(path)).rejects.toThrow(/no serial number column/u);
  });
});

describe("removal plan", () => {
  const device = (serialNumber: string, held: boolean): Device => ({
    id: `id-${serialNumber}`,
    serialNumber,
    manufacturer: "Token2",
    model: "C202",
    displayName: null,
    hashFunction: "hmacsha1",
    timeIntervalInSeconds: 30,
    status: held ? "activated" : "available",
    assignedTo: held ? { id: "u1", displayName: "Ann" } : null,
    lastUsedDateTime: null,
  });
  const found = new Map([
    ["A", device("A", true)],
    ["B", device("B", false)],
    ["C", null],
  ]);

  it("counts unassigns, deletes and serials not found; duplicates once", () => {
    expect(planRemoval(["A", "B", "C", "A"], found, "remove").counts).toEqual({
      serials: 3,
      unassign: 1,
      delete: 2,
      alreadyGone: 0,
      notFound: 1,
      alreadyUnassigned: 0,
    });
    expect(planRemoval(["A", "B", "C"], found, "unassign-only").counts).toEqual({
      serials: 3,
      unassign: 1,
      delete: 0,
      alreadyGone: 0,
      notFound: 1,
      alreadyUnassigned: 1,
    });
  });

  it("tells a serial this job removed before (journal) from one never seen (mistyped)", () => {
    const plan = planRemoval(["A", "C", "Z"], found, "remove", (serial) =>
      serial === "C" ? { phase: "deleted" } : undefined,
    );
    expect(plan.targets.map((t) => [t.serialNumber, t.action])).toEqual([
      ["A", "unassign-delete"],
      ["C", "done"],
      ["Z", "not-found"],
    ]);
    expect(plan.counts).toMatchObject({ alreadyGone: 1, notFound: 1 });
  });
});

describe("text table", () => {
  it("replaces control characters from the tenant before they reach a terminal", () => {
    expect(textTable(["A", "B"], [["\u001b[31mred", "x"]])).toBe("A            B\n\\x1B[31mred  x");
  });
});
