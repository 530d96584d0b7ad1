import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import { readSeedFile } from "../../src/seed-file/read-seed-file.js";
import type { RawRecord } from "../../src/seed-file/raw-record.js";
import {
  defaults,
  errorTriples,
  privateFile,
  seeds,
  triples,
  validateText,
} from "../helpers/files.js";

async function records(content: string | Uint8Array) {
  const out: RawRecord[] = [];
  const { issues } = await readSeedFile(privateFile(content), defaults, (r) => out.push(r));
  return { records: out, issues };
}

const entraHeader = "upn,serial number,secret key,time interval,manufacturer,model";

describe("CSV layouts", () => {
  it("reads the Entra/Token2 layout, `timeinterval` spelling and odd header spacing", async () => {
    const { records: rows } = await records(
      ` UPN , Serial_Number,SECRET-KEY,timeinterval,Manufacturer,model\nadele.vance@contoso.example,0042,${seeds.a},30,Token2,C202\n`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 2,
      values: {
        upn: "adele.vance@contoso.example",
        serialNumber: "0042",
        timeIntervalInSeconds: "30",
        manufacturer: "Token2",
        model: "C202",
      },
      secret: { kind: "text", text: seeds.a },
    });
  });

  it("reads the Graph-property layout without upn, with hashFunction and displayName", async () => {
    const result = await validateText(
      `serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,hashFunction,displayName\nS1,${seeds.sha256},60,Token2,C302,HMAC-SHA256,Spare\n`,
      { collectTokens: true },
    );
    expect(result.issues).toEqual([]);
    expect(result.tokens?.[0]).toMatchObject({
      line: 2,
      upn: null,
      serialNumber: "S1",
      timeIntervalInSeconds: 60,
      hashFunction: "hmacsha256",
      displayName: "Spare",
    });
  });

  it("detects `;` and TAB delimiters from the header line", async () => {
    for (const fixture of ["semicolon.csv", "tab.tsv"]) {
      const result = await validateText(
        readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), "utf8"),
      );
      expect([fixture, result.rows, result.rejected]).toEqual([fixture, 2, 0]);
    }
  });

  it("decodes UTF-8 with BOM and UTF-16 LE/BE with BOM, and CR-only line ends", async () => {
    for (const fixture of ["utf8-bom.csv", "utf16le-bom.csv", "utf16be-bom.csv", "cr.csv"]) {
      const { records: rows, issues } = await records(
        readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url)),
      );
      expect([fixture, rows.map((r) => r.line), issues]).toEqual([fixture, [2, 3], []]);
      expect(rows[0]!.values.upn).toBe("adele.vance@contoso.example");
    }
  });

  it("keeps physical lines across empty lines, CRLF and quoted fields with delimiters and line breaks", async () => {
    const csv = [
      `${entraHeader},display name`,
      "",
      `adele.vance@contoso.example,1,${seeds.a},30,"Token2, Inc.","C202","two\r\nlines"`,
      "   ",
      `alex.wilber@contoso.example,2,${seeds.b},30,Token2,C202,"a ""quoted"" name"`,
    ].join("\r\n");
    const { records: rows } = await records(csv);
    expect(rows.map((r) => [r.line, r.values.manufacturer, r.values.displayName])).toEqual([
      [3, "Token2, Inc.", "two\r\nlines"],
      [6, "Token2", 'a "quoted" name'],
    ]);
  });

  it("reports a bad row on its own physical line after a multi-line quoted field", async () => {
    const csv = [
      `${entraHeader},display name`,
      `adele.vance@contoso.example,1,${seeds.a},30,Token2,C202,"first`,
      "second",
      `third"`,
      `alex.wilber@contoso.example,2,${seeds.b},45,Token2,C202,`,
      `diego.siciliani@contoso.example,3,${seeds.c},30,Token2`,
    ].join("\n");
    const result = await validateText(csv);
    expect(errorTriples(result)).toEqual([
      [5, "timeIntervalInSeconds", "time-interval-invalid"],
      [6, null, "field-count"],
      [6, "model", "model-missing"],
    ]);
  });

  it("gives one warning on line 1 per unknown column, not one per row", async () => {
    const result = await validateText(
      `${entraHeader},notes\nadele.vance@contoso.example,1,${seeds.a},30,Token2,C202,x\nalex.wilber@contoso.example,2,${seeds.b},30,Token2,C202,y\n`,
    );
    expect(result.issues.filter((i) => i.code === "unknown-column")).toEqual([
      {
        line: 1,
        field: null,
        code: "unknown-column",
        severity: "warning",
        message: 'column "notes" is ignored',
      },
    ]);
    expect(result.rejected).toBe(0);
  });

  it("reports an unclosed quote as malformed-quotes on the line where the record starts", async () => {
    const result = await validateText(
      `${entraHeader}\nadele.vance@contoso.example,1,${seeds.a},30,Token2,"C202\n`,
    );
    expect(triples(result)).toContainEqual([2, null, "malformed-quotes"]);
  });

  it("refuses a header without serial number or secret key, naming the expected columns", async () => {
    const error = await validateText(`upn,id,value\na@b.example,1,${seeds.a}\n`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as Error).message).toMatch(
      /has no "serial number" or "secret key" column.*upn,serial number,secret key/u,
    );
    expect((error as Error).message).not.toContain(seeds.a);
  });

  it("refuses a headerless file without echoing its seeds", async () => {
    const error = await validateText(
      `adele.vance@contoso.example,1,${seeds.a},30,Token2,C202\n`,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect(String((error as Error).message)).not.toContain(seeds.a);
  });
});
