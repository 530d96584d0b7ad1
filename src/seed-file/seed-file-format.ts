import { looksLikeDualShield } from "./dualshield.js";
import { looksLikeOathCsv } from "./oath-csv.js";

/** The seed-file formats oathkit reads (docs/seed-files.md). `auto` picks one from the content. */
export const seedFileFormats = [
  "csv",
  "pskc",
  "feitian",
  "oath-csv",
  "json",
  "dualshield",
] as const;
export type SeedFileFormat = (typeof seedFileFormats)[number];

/**
Recognise the format from the first decoded characters of a file: XML is PSKC unless its root is
DualShield's `<data>`; `[` or `{` is a JSON token list; a first line made of a serial and one long
seed separated by white space is Feitian's `serial seed` list; `serial, hex key[, type…]` with no
header is privacyIDEA's OATH CSV; anything else is read as CSV (whose header check then names
what was expected).
*/
export function detectFormat(head: string): SeedFileFormat {
  const text = head.trimStart();
  if (text.startsWith("<")) return looksLikeDualShield(text) ? "dualshield" : "pskc";
  if (text.startsWith("[") || text.startsWith("{")) return "json";
  if (looksLikeOathCsv(text)) return "oath-csv";
  const firstLine = (text.split(/\r\n|\r|\n/u, 1)[0] ?? "").trim();
  // Two fields, split by spaces or TABs (Feitian writes both), the second a seed: a TSV header
  // never has a 16-character seed as its second cell.
  if (!/[,;"]/u.test(firstLine) && /^\S+[ \t]+[A-Za-z0-9=]{16,}$/u.test(firstLine))
    return "feitian";
  return "csv";
}
