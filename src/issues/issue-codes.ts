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
  "field-count": {
    severity: "error",
    meaning: "The row has more or fewer fields than the header.",
  },
  "malformed-quotes": {
    severity: "error",
    meaning: "A quoted field is never closed, or has text after its closing quote.",
  },
  "serial-number-missing": { severity: "error", meaning: "The serial number is empty." },
  "serial-number-scientific": {
    severity: "error",
    meaning:
      "The serial number was turned into scientific notation (6.02346E+07) by a spreadsheet.",
  },
  "serial-number-duplicate": {
    severity: "error",
    meaning: "The serial number is already on an earlier row (named in the message).",
  },
  "serial-number-looks-like-seed": {
    severity: "error",
    meaning:
      "The serial number looks like a secret key (Base32, hex or Base64 of 80 bits or more): a column is probably shifted. It is never shown, and never sent to Graph.",
  },
  "secret-key-missing": { severity: "error", meaning: "The secret key is empty." },
  "seed-not-base32": {
    severity: "error",
    meaning:
      "The file's seeds are Base32 and this one has characters outside A–Z and 2–7, or an impossible length.",
  },
  "seed-not-hex": {
    severity: "error",
    meaning:
      "The file's seeds are hex and this one has characters outside 0–9 and A–F, or an odd length.",
  },
  "seed-encoding-mixed": {
    severity: "error",
    meaning:
      "This seed is hex while most seeds in the file are Base32, or the other way round; a file is never read two ways.",
  },
  "seed-encoding-ambiguous": {
    severity: "info",
    meaning:
      "Every seed is valid both as Base32 and as hex; they were read as Base32 (the Entra rule). Use --seed-encoding hex if the vendor says hex.",
  },
  "seed-too-long": {
    severity: "error",
    meaning: "The seed is longer than Entra takes: more than 128 Base32 characters (80 bytes).",
  },
  "seed-too-short": {
    severity: "error",
    meaning: "The seed has fewer than 80 bits; refused even with --allow-weak-seeds.",
  },
  "seed-weak": {
    severity: "error",
    meaning:
      "The seed has fewer than 128 bits (RFC 4226); a warning instead with --allow-weak-seeds.",
  },
  "seed-duplicate": {
    severity: "error",
    meaning:
      "The same seed is on an earlier row (named in the message); every token needs its own seed.",
  },
  "time-interval-invalid": {
    severity: "error",
    meaning:
      "The time interval is not 30 or 60, is empty, or the file has no such column and no --interval was given.",
  },
  "hash-function-unsupported": {
    severity: "error",
    meaning: "The hash function is not SHA-1 or SHA-256 (Entra takes only these).",
  },
  "hash-function-inferred": {
    severity: "info",
    meaning: "No hash function given: 32-byte seeds are read as hmacsha256, others as hmacsha1.",
  },
  "digits-unsupported": {
    severity: "error",
    meaning:
      "The row's digits column says codes are not 6 digits long; Entra takes 6-digit codes only.",
  },
  "token-type-unsupported": {
    severity: "error",
    meaning:
      "The row's type column says HOTP or another type, or the row has a counter and no type column (the mark of a HOTP token); Entra takes TOTP tokens only.",
  },
  "counter-ignored": {
    severity: "info",
    meaning:
      "Rows whose type is TOTP carry a counter (the last time step another server accepted); Entra does not need it, so it is not used.",
  },
  "upn-invalid": {
    severity: "error",
    meaning: "The UPN does not look like local@domain, or has spaces.",
  },
  "upn-missing": {
    severity: "error",
    meaning:
      "The row has no UPN, and the operation needs one (import in activate or assign mode without --map).",
  },
  "upn-too-many-tokens": {
    severity: "error",
    meaning:
      "More than 5 rows for one UPN (Entra's limit of five OATH methods per user); the rows after the fifth are errors.",
  },
  "manufacturer-missing": {
    severity: "error",
    meaning:
      "No manufacturer: the cell is empty or there is no column, and no --manufacturer was given.",
  },
  "model-missing": {
    severity: "error",
    meaning: "No model: the cell is empty or there is no column, and no --model was given.",
  },
  "sample-file-permissions": {
    severity: "info",
    meaning:
      "Group or others may read this file; allowed because it is one of oathkit's own sample files (fake seeds).",
  },
  "insecure-permissions": {
    severity: "warning",
    meaning:
      "Group or others may read this seed file; read anyway because of --allow-insecure-permissions.",
  },
  "entra-csv-sha256": {
    severity: "error",
    meaning:
      "convert --to entra-csv: the token uses hmacsha256, which the admin-center CSV upload does not take (SHA-1 only).",
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
  "pskc-userid-not-upn": {
    severity: "info",
    meaning:
      "A PSKC key's UserId is not a UPN (RFC 6030 puts an LDAP name there): the token has no holder from the file; --map can give one.",
  },
  "pskc-hash-assumed": {
    severity: "warning",
    meaning:
      "A PSKC key names no Suite and has a 32-byte seed, the length of a SHA-256 key: read as SHA-1, the PSKC default. Ask the vendor which hash the tokens use.",
  },
  "pskc-version": {
    severity: "info",
    meaning: "The PSKC file's Version is not 1.0; it is read as RFC 6030 (version 1.0).",
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
