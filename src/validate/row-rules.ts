import type { HashFunction, TimeInterval } from "../token-fields.js";
import { looksLikeSecret } from "../secrets/secret-like.js";
import { quoteValue } from "../issues/quote-value.js";
import type { Reporter } from "./reporter.js";
import { scientificSerialPattern, upnPattern } from "./token-schema.js";

/**
The rules of docs/seed-files.md that one row decides alone. Each reports its issues and returns the
value the token gets, or undefined. Rules that need the whole file are in file-rules.ts.
*/

/** Required; a spreadsheet's scientific notation is refused; kept as text (leading zeros stay). */
export function serialNumberRule(value: string | undefined, r: Reporter): string | undefined {
  if (value === undefined || value === "") {
    r.report("serialNumber", "serial-number-missing", "serial number is empty");
    return undefined;
  }
  if (/[eE]/u.test(value) && scientificSerialPattern.test(value)) {
    r.report(
      "serialNumber",
      "serial-number-scientific",
      `serial number ${quoteValue(value, "scientific")} is in scientific notation (a spreadsheet changed it); take it from the vendor's original file`,
    );
    return undefined;
  }
  if (looksLikeSecret(value)) {
    // A seed in the serial column (a shifted column, swapped headers) would be sent to Graph as
    // the token's serial, which every directory reader sees: refused, and never echoed.
    r.report(
      "serialNumber",
      "serial-number-looks-like-seed",
      `serial number looks like a secret key (${value.length} characters); check that each column holds what its header says`,
    );
    return undefined;
  }
  return value;
}

/** 30 or 60; `fallback` (--interval) fills a missing column, never an empty cell. */
export function intervalRule(
  value: string | undefined,
  fallback: TimeInterval | undefined,
  r: Reporter,
): TimeInterval | undefined {
  if (value === "30") return 30;
  if (value === "60") return 60;
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    r.reportGap(
      "timeIntervalInSeconds",
      "time-interval-invalid",
      "the file has no time interval column; pass --interval 30 or 60",
      (rows) =>
        `the file has no time interval column, so none of its ${rows} rows has one; pass --interval 30 or 60`,
    );
    return undefined;
  }
  r.report(
    "timeIntervalInSeconds",
    "time-interval-invalid",
    value === ""
      ? "time interval is empty; it must be 30 or 60"
      : `time interval ${quoteValue(value, "number")} is not 30 or 60`,
  );
  return undefined;
}

const hashNames: Record<string, HashFunction> = {
  sha1: "hmacsha1",
  hmacsha1: "hmacsha1",
  sha256: "hmacsha256",
  hmacsha256: "hmacsha256",
};

/** The SHA-1/SHA-256 spellings in any case; `"infer"` when absent or empty; undefined if refused. */
export function hashRule(
  value: string | undefined,
  r: Reporter,
): HashFunction | "infer" | undefined {
  if (value === undefined || value === "") return "infer";
  const hash = hashNames[value.toLowerCase().replace(/[\s_-]/gu, "")];
  if (hash === undefined)
    r.report(
      "hashFunction",
      "hash-function-unsupported",
      `hash function ${quoteValue(value, "hash")} is not supported; Entra takes SHA-1 or SHA-256`,
    );
  return hash;
}

/** local@domain without spaces when present; required only when `required` (import's modes). */
export function upnRule(
  value: string | undefined,
  required: boolean,
  r: Reporter,
): string | null | undefined {
  if (value === undefined || value === "") {
    if (!required) return null;
    const message =
      "upn is empty; this operation assigns tokens to users, so every row needs one (or pass --map)";
    if (value === "") r.report("upn", "upn-missing", message);
    else
      r.reportGap(
        "upn",
        "upn-missing",
        message,
        (rows) =>
          `the file gives no UPN for any of its ${rows} rows; this operation assigns tokens to users: add a upn column or pass --map`,
      );
    return undefined;
  }
  if (upnPattern.test(value)) return value;
  r.report("upn", "upn-invalid", "upn does not look like local@domain (no spaces)");
  return undefined;
}

/** Manufacturer and model: from the cell, else the flag; error if neither. */
export function requiredTextRule(
  field: "manufacturer" | "model",
  value: string | undefined,
  fallback: string | undefined,
  r: Reporter,
): string | undefined {
  const text = value || fallback;
  if (text !== undefined && text !== "") return text;
  const code = field === "manufacturer" ? "manufacturer-missing" : "model-missing";
  const message = `${field} is empty; add it to the file or pass --${field}`;
  if (value === "") r.report(field, code, message);
  else
    r.reportGap(
      field,
      code,
      message,
      (rows) => `the file gives no ${field} for any of its ${rows} rows; pass --${field}`,
    );
  return undefined;
}
