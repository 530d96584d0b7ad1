import { quoteValue } from "../issues/quote-value.js";
import type { Reporter } from "./reporter.js";

/**
Columns that say what kind of OATH token a row is. Entra takes one kind — TOTP, 6 digits — so a
row that states another is refused, never read as if it said TOTP (docs/seed-files.md, "Columns").
An empty cell states nothing: the OATH defaults (TOTP for a TOTP file, 6 digits) apply.
*/

/** `digits`: absent, empty or 6. */
export function digitsRule(value: string | undefined, r: Reporter): void {
  if (value === undefined || value === "" || value === "6") return;
  r.report(
    null,
    "digits-unsupported",
    `codes are ${quoteValue(value, "number")} digits long; Entra takes 6-digit codes only`,
  );
}

const totp = new Set(["totp", "oathtotp", "time", "timebased", "t6"]);
const hotp = new Set(["hotp", "oathhotp", "event", "eventbased", "counterbased"]);

/**
`type` and `counter`. A type other than TOTP is an error. A counter is the mark of a HOTP token:
without a type column, a counter other than 0 is an error; on a row whose type says TOTP, the
counter is the last time step an earlier server accepted (privacyIDEA exports it so) and is not
needed by Entra, which tracks replays itself — returns true so the file gets one note.
*/
export function tokenKindRule(
  type: string | undefined,
  counter: string | undefined,
  r: Reporter,
): boolean {
  const counted = counter !== undefined && counter !== "" && !/^0+$/u.test(counter);
  if (type !== undefined && type !== "") {
    const kind = type.toLowerCase().replace(/[\s_-]+/gu, "");
    if (totp.has(kind)) return counted;
    r.report(
      null,
      "token-type-unsupported",
      hotp.has(kind)
        ? "HOTP (counter-based) token; Entra takes TOTP tokens only"
        : `token type ${quoteValue(type, "short")} is not TOTP; Entra takes TOTP tokens only`,
    );
    return false;
  }
  if (counted)
    r.report(
      null,
      "token-type-unsupported",
      "the row has a counter, the mark of a HOTP (counter-based) token; Entra takes TOTP tokens only (if these are TOTP tokens, add a type column saying TOTP)",
    );
  return false;
}
