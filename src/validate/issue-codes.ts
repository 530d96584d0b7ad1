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
} as const satisfies Record<string, { severity: "error" | "warning" | "info"; meaning: string }>;

export type IssueCode = keyof typeof issueCodes;
