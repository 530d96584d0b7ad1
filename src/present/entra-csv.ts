import type { Token } from "../validate/token-schema.js";
import { csvCell } from "../files/csv-cell.js";

export const entraCsvHeader = "upn,serial number,secret key,time interval,manufacturer,model";

/**
The Entra admin-center CSV ("OATH tokens" blade): Base32 seeds, no hash column — that blade takes
SHA-1 only, so callers refuse hmacsha256 tokens before writing (docs/seed-files.md). Entra asks
for a `'` in a UPN to be written `''`.
*/
export function entraCsv(tokens: readonly Token[]): string {
  const lines = [entraCsvHeader];
  for (const t of tokens)
    lines.push(
      [
        csvCell((t.upn ?? "").replaceAll("'", "''")),
        csvCell(t.serialNumber),
        csvCell(t.seed.toBase32(), { secret: true }),
        String(t.timeIntervalInSeconds),
        csvCell(t.manufacturer),
        csvCell(t.model),
      ].join(","),
    );
  return `${lines.join("\r\n")}\r\n`;
}
