/**
Values that look like key material, wherever they turn up. A seed in the wrong column (a serial or
UPN cell of a column-shifted file, a PSKC field a vendor misused) must never be echoed: presenters
and reports show `hiddenValue` instead, and nothing that looks like a seed is sent to Graph as a
serial number.

"Looks like a seed" means: after removing white space, dashes and trailing `=` (as seeds are
written), at least 80 bits — the floor of any seed oathkit takes — in one of the encodings seeds
travel in: Base32 (16+ characters of A–Z, 2–7), hex (20+ of 0–9, A–F) or Base64 (14+ characters of
A–Z, a–z, 0–9, `+`, `/`, with padding, `+` or `/`, or digits and both cases — random bytes nearly
always give that). Words match too — 16 letters read as Base32, "SafeID/Classic" as Base64 — so
only values that are never words are checked: serials, UPNs, and parts of identifiers. A real UPN has an `@`, so it
never matches; a serial of 20 or more digits does (hex), and is not shown either.
*/
export const hiddenValue = "(looks like a secret; not shown)";

const base32 = /^[A-Za-z2-7]{16,}$/u;
const hex = /^[0-9A-Fa-f]{20,}$/u;
const base64 = /^[A-Za-z0-9+/]{14,}$/u;

export function looksLikeSecret(value: string): boolean {
  if (value.length < 14) return false;
  const padded = /=\s*$/u.test(value);
  const text = value.replace(/[\s-]+/gu, "").replace(/=+$/u, "");
  if (base32.test(text) || hex.test(text)) return true;
  if (!base64.test(text)) return false;
  return (
    padded ||
    /[+/]/u.test(text) ||
    (/[0-9]/u.test(text) && /[A-Z]/u.test(text) && /[a-z]/u.test(text))
  );
}

/** The value itself, or `hiddenValue` when it looks like key material. */
export function shownValue(value: string): string {
  return looksLikeSecret(value) ? hiddenValue : value;
}

/** As `shownValue`, keeping null and undefined as they are (optional serials and UPNs). */
export function shownOrNull<T extends string | null | undefined>(value: T): T | string {
  return typeof value === "string" ? shownValue(value) : value;
}
