/**
Every issue code the validator can emit, with its default severity and meaning. The README's
table of codes is checked against this list by a test, so the two cannot drift apart.
Codes are stable kebab-case identifiers: scripts match on them. Never rename one.
*/
export const issueCodes = {
  "unknown-column": {
    severity: "warning",
    meaning: "A header column oathkit does not know; it is ignored.",
  },
  "feitian-field-count": {
    severity: "error",
    meaning: "A Feitian text line does not hold exactly two fields, `serial seed`.",
  },
  "pskc-not-totp": {
    severity: "error",
    meaning: "A PSKC key is not TOTP (HOTP or another algorithm); Entra takes TOTP keys only.",
  },
  "pskc-digits": {
    severity: "error",
    meaning: "A PSKC key's ResponseFormat Length is not 6; Entra takes 6-digit codes only.",
  },
  "pskc-encoding": {
    severity: "error",
    meaning: "A PSKC key's ResponseFormat Encoding is not DECIMAL; Entra takes decimal codes only.",
  },
  "pskc-interval": {
    severity: "error",
    meaning: "A PSKC key's TimeInterval is not 30 or 60 seconds.",
  },
  "pskc-hash": {
    severity: "error",
    meaning: "A PSKC key's Suite names a hash other than SHA-1 or SHA-256.",
  },
  "pskc-time-origin": {
    severity: "error",
    meaning: "A PSKC key's Time (T0) is not 0; Entra counts time steps from the Unix epoch.",
  },
  "pskc-mac-mismatch": {
    severity: "error",
    meaning:
      "An encrypted PSKC value's ValueMAC does not match: the file was altered, or the key or password is wrong.",
  },
  "pskc-mac-missing": {
    severity: "error",
    meaning: "An encrypted PSKC value has no ValueMAC although the file declares a MACMethod.",
  },
  "pskc-decrypt-failed": {
    severity: "error",
    meaning: "An encrypted PSKC value does not decrypt (bad length or padding).",
  },
  "pskc-encryption-unsupported": {
    severity: "error",
    meaning: "A PSKC value is encrypted with an algorithm other than AES-128-CBC.",
  },
  "pskc-invalid-value": {
    severity: "error",
    meaning:
      "A PSKC value is malformed: a secret that is not Base64, an integer that is not a number.",
  },
  "pskc-no-mac": {
    severity: "warning",
    meaning: "The PSKC file encrypts values without any MAC, so their integrity cannot be checked.",
  },
  "pskc-no-container": {
    severity: "warning",
    meaning:
      "The PSKC file has KeyPackage elements but no KeyContainer; they are read as they are.",
  },
} as const satisfies Record<string, { severity: "error" | "warning" | "info"; meaning: string }>;

export type IssueCode = keyof typeof issueCodes;
