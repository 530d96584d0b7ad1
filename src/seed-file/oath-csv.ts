import { recordIssue, type Issue } from "../issues/issue.js";
import { limits, lineTooLong } from "./input-limits.js";
import { hexSecret } from "./hex-secret.js";
import type { RawRecord } from "./raw-record.js";
import type { SeedFileReader } from "./reader.js";

const lineBreak = /\r\n|\r|\n/u;

/**
privacyIDEA's and LinOTP's "OATH CSV" (docs/seed-files.md): no header; `#` starts a comment;
`serial, hex key[, type[, digits[, period or counter[, hash]]]]`, type hotp by default. A
`# version:2` line puts `user, resolver, realm` first (those name accounts in privacyIDEA's
resolvers, not UPNs: they are skipped). TOTP rows become tokens; any other type is refused with
that one reason.
*/
export const readOathCsv: SeedFileReader = async (source, _options, onRecord) => {
  const text = await source.readText();
  let skip = 0;
  text.split(lineBreak).forEach((raw, index) => {
    const line = index + 1;
    if (raw.length > limits.lineChars) throw lineTooLong(source.path, line);
    const trimmed = raw.trim();
    if (/^#\s*version\s*:\s*2\s*$/iu.test(trimmed)) skip = 3;
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const cells = trimmed.split(",").map((c) => c.trim());
    const [serial, key, type, digits, period, hash] = cells.slice(skip);
    if (serial === undefined || serial === "") return; // privacyIDEA skips such a line too
    const issues: Issue[] = [];
    const values: RawRecord["values"] = { serialNumber: serial };
    const kind = type === undefined || type === "" ? "hotp" : type.toLowerCase();
    if (kind !== "totp") {
      issues.push(
        recordIssue(
          line,
          null,
          "token-type-unsupported",
          kind === "hotp" || kind === "ocra"
            ? `${kind === "hotp" ? "HOTP (counter-based; the format's default type)" : "OCRA (challenge-response)"} token; Entra takes TOTP tokens only`
            : "the type is not TOTP; Entra takes TOTP tokens only",
        ),
      );
    } else {
      if (digits !== undefined && digits !== "") values.digits = digits;
      values.timeIntervalInSeconds = period === undefined || period === "" ? "30" : period;
    }
    values.hashFunction = hash === undefined || hash === "" ? "sha1" : hash; // the format's default
    const secret = hexSecret(key ?? "", line, issues);
    onRecord({ line, values, secret, issues, cells });
  });
  return [];
};

/**
The first line that is not blank or a comment is `serial, hex key[, hotp|totp|ocra, …]`; a
`# version:2` line counts too. A CSV header never has a hex key as its second cell.
*/
export function looksLikeOathCsv(head: string): boolean {
  for (const raw of head.split(lineBreak).slice(0, 50)) {
    const line = raw.trim();
    if (/^#\s*version\s*:\s*2\s*$/iu.test(line)) return true;
    if (line === "" || line.startsWith("#")) continue;
    const cells = line.split(",").map((c) => c.trim());
    return (
      cells.length >= 2 &&
      cells.length <= 8 &&
      /^[^\s"';]+$/u.test(cells[0]!) &&
      /^(?:[0-9a-f]{2})+$/iu.test(cells[1]!) &&
      (cells[2] === undefined || /^(?:|hotp|totp|ocra)$/iu.test(cells[2]))
    );
  }
  return false;
}
