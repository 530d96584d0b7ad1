import Papa from "papaparse";
import { InputFileError } from "../errors.js";
import { readBoundedText } from "./bounded-read.js";
import type { RawRecord } from "./raw-record.js";

const key = (name: string): string => name.toLowerCase().replace(/[\s_-]/gu, "");

/**
`--map <csv>`: serial → UPN for vendor files that ship without a UPN column (docs/seed-files.md).
Columns `serial number` (or serialNumber, serial) and `upn`, any spelling the seed files allow.
The map fills empty UPNs only; a row whose own UPN differs from the map keeps its own, and
validation reports the row as it is.
*/
export async function readUpnMap(path: string): Promise<Map<string, string>> {
  const text = (await readBoundedText(path, "a --map file")).replace(/^\uFEFF/u, "");
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const names = (header ?? []).map(key);
  const serialAt = names.findIndex((n) => n === "serialnumber" || n === "serial");
  const upnAt = names.indexOf("upn");
  if (serialAt < 0 || upnAt < 0) {
    throw new InputFileError(
      `The --map file ${path} needs a header with "serial number" and "upn" columns.`,
    );
  }
  const map = new Map<string, string>();
  for (const row of rows) {
    const serial = row[serialAt]?.trim();
    const upn = row[upnAt]?.trim();
    if (serial !== undefined && serial !== "" && upn !== undefined && upn !== "")
      map.set(serial, upn);
  }
  return map;
}

export function applyUpnMap(map: ReadonlyMap<string, string>): (record: RawRecord) => RawRecord {
  return (record) => {
    const serial = record.values.serialNumber?.trim();
    const mapped = serial === undefined ? undefined : map.get(serial);
    if (mapped === undefined || (record.values.upn ?? "").trim() !== "") return record;
    return { ...record, values: { ...record.values, upn: mapped } };
  };
}
