import { issueCodes } from "../issues/issue-codes.js";
import { limits, lineTooLong } from "./input-limits.js";
import type { RawRecord } from "./raw-record.js";
import { unquoteFormula } from "../files/csv-cell.js";

const lineBreak = /\r\n|\r|\n/u;
const blanks = /[ \t]+/u;

/**
Read Feitian's default delivery (docs/pskc.md): one `serial seed` pair per line, separated by
spaces or tabs. Blank lines are skipped. Interval, manufacturer and model are not in the file:
the command's flags fill them in later. The seed stays text here; validate decodes it.
*/
export function readFeitian(text: string, path = "The file"): RawRecord[] {
  const records: RawRecord[] = [];
  text.split(lineBreak).forEach((raw, index) => {
    if (raw.length > limits.lineChars) throw lineTooLong(path, index + 1);
    const trimmed = raw.trim();
    if (trimmed === "") return;
    const line = index + 1;
    const cells = trimmed.split(blanks);
    const [quotedSerial, seed] = cells;
    const serial = quotedSerial === undefined ? undefined : unquoteFormula(quotedSerial);
    if (cells.length === 2 && serial !== undefined && seed !== undefined) {
      records.push({
        line,
        values: { serialNumber: serial },
        secret: { kind: "text", text: seed },
        issues: [],
        cells,
      });
      return;
    }
    const code = "feitian-field-count";
    records.push({
      line,
      values: {},
      secret: undefined,
      issues: [
        {
          line,
          field: null,
          code,
          severity: issueCodes[code].severity,
          message: `expected 2 fields, "serial seed", found ${cells.length}`,
        },
      ],
      cells,
    });
  });
  return records;
}
