import Papa from "papaparse";
import { sniffCsv } from "./csv/read-csv.js";
import type { SeedFileFormat } from "./seed-file-format.js";

/** How the input file was laid out, so the failures file can be written the same way. */
export type SourceLayout =
  | { format: "csv"; header: readonly string[]; delimiter: string }
  | { format: "feitian" }
  | { format: "pskc" | "oath-csv" | "json" | "dualshield" };

/** The header and delimiter of a CSV seed file, from its first characters (the source's head). */
export function layoutOf(format: SeedFileFormat, head: string): SourceLayout {
  if (format !== "csv") return { format };
  const { delimiter } = sniffCsv(head);
  const header = Papa.parse<string[]>(head, { delimiter, preview: 1 }).data[0] ?? [];
  return { format: "csv", header, delimiter };
}
