import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import Papa from "papaparse";
import { sniffCsv } from "./csv/read-csv.js";
import type { SeedFileFormat } from "./seed-file-format.js";
import { openTextSource } from "./text-source.js";

/** How the input file was laid out, so the failures file can be written the same way. */
export type SourceLayout =
  | { format: "csv"; header: readonly string[]; delimiter: string }
  | { format: "feitian" }
  | { format: "pskc" };

/** The header and delimiter of a CSV seed file, so rows to retry can be written the same way. */
export async function sourceLayout(path: string, format: SeedFileFormat): Promise<SourceLayout> {
  if (format !== "csv") return { format };
  const { head } = await openTextSource(path);
  const { delimiter } = sniffCsv(head);
  const header = Papa.parse<string[]>(head, { delimiter, preview: 1 }).data[0] ?? [];
  return { format: "csv", header, delimiter };
}

/** SHA-256 of the file's bytes: ties a resume journal to one version of the input. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
