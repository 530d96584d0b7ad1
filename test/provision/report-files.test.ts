import { describe, expect, it } from "vitest";
import { renderFailures } from "../../src/present/failures-file.js";
import { csvCell, spreadsheetSafe } from "../../src/files/csv-cell.js";
import { renderReport } from "../../src/present/run-report.js";
import type { ReportHeader } from "../../src/files/report-header.js";

const header: ReportHeader = {
  command: "import",
  mode: "activate",
  oathkitVersion: "0.1.0",
  commandLine: "oathkit import t.csv",
  tenantId: "t",
  graphHost: "graph.microsoft.com",
  signedInAs: { kind: "app", id: "a" },
  input: "t.csv",
  inputSha256: "ab",
  journal: "j",
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:00:01.000Z",
  counts: { rows: 1 },
  notes: [],
};

describe("report files", () => {
  it("escapes formula-looking cells and quotes CSV specials", () => {
    expect(spreadsheetSafe("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(spreadsheetSafe("+1")).toBe("'+1");
    expect(spreadsheetSafe("@x")).toBe("'@x");
    expect(spreadsheetSafe("60234567")).toBe("60234567");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    const csv = renderReport(
      [
        {
          line: 2,
          serialNumber: "-S1",
          upn: "a@b.c",
          deviceId: "d",
          state: "failed",
          status: null,
          stage: "create",
          errorCode: "x",
          message: "bad, very",
          requestId: "r",
        },
        {
          line: 3,
          serialNumber: "S2",
          upn: "a@b.c",
          deviceId: "e",
          state: "activated",
          status: "activated",
          stage: null,
          errorCode: null,
          message: null,
          requestId: null,
          driftSeconds: -30,
        },
      ],
      "report.csv",
      header,
    );
    const [table] = csv.split("\r\nline,").slice(1);
    expect(`line,${table}`).toBe(
      "line,serialNumber,upn,deviceId,state,status,stage,errorCode,message,requestId,driftSeconds\r\n" +
        '2,\'-S1,a@b.c,d,failed,,create,x,"bad, very",r,\r\n' +
        "3,S2,a@b.c,e,activated,activated,,,,,-30\r\n",
    );
  });

  it("writes failures in the input's own layout", () => {
    const rows = [{ serialNumber: "S1", cells: ["a@b.c", "S1", "SEED;X", "30"] }];
    expect(
      renderFailures(
        {
          format: "csv",
          header: ["upn", "serial number", "secret key", "timeinterval"],
          delimiter: ";",
        },
        rows,
      ),
    ).toBe('upn;serial number;secret key;timeinterval\r\na@b.c;S1;"SEED;X";30\r\n');
    expect(
      renderFailures({ format: "feitian" }, [{ serialNumber: "S1", cells: ["S1", "ABC"] }]),
    ).toBe("S1 ABC\n");
    expect(
      renderFailures({ format: "feitian" }, [{ serialNumber: "=S1", cells: ["=S1", "ABC"] }]),
    ).toBe("'=S1 ABC\n");
    expect(renderFailures({ format: "pskc" }, rows)).toContain("\nS1\n");
  });
});
