import type { Seed } from "../secrets/seed.js";
import type { HashFunction, TimeInterval } from "../token-fields.js";

/** What `import` does with each token (product.md §1). */
export type ImportMode = "activate" | "assign" | "inventory";

/** A validated token as provisioning needs it (the validate stage's Token satisfies this). */
export type TokenToProvision = {
  line: number;
  upn: string | null;
  serialNumber: string;
  seed: Seed;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  manufacturer: string;
  model: string;
  displayName: string | null;
  cells?: readonly string[] | undefined;
};

/** Where a token ended. `skipped`: present in the tenant before this run and left alone. */
export type FinalState = "activated" | "assigned" | "available" | "skipped" | "failed";

export type Stage = "validate" | "preflight" | "create" | "assign" | "activate" | "verify";

/** One row of the report: never a seed or a code. */
export type TokenOutcome = {
  line: number;
  serialNumber: string;
  upn: string | null;
  deviceId: string | null;
  state: FinalState;
  /** The status read back from the tenant at the end, when verified. */
  status: string | null;
  stage: Stage | null;
  errorCode: string | null;
  message: string | null;
  requestId: string | null;
  /** The device's clock drift measured at the device check (activate --from-device), in seconds. */
  driftSeconds?: number | undefined;
};

export type PlanCounts = {
  create: number;
  assign: number;
  activate: number;
  skip: number;
  rejected: number;
};

export type Summary = {
  command: "import" | "activate";
  mode: ImportMode;
  file: string;
  counts: {
    rows: number;
    rejected: number;
    created: number;
    activated: number;
    assigned: number;
    available: number;
    skipped: number;
    failed: number;
  };
  clock: { source: "local" | "server"; offsetMs: number; uncertaintyMs: number | null };
  elapsedMs: number;
  reportPath: string | null;
  failuresPath: string | null;
  journalPath: string | null;
  /** Whether the run was stopped (Ctrl-C) before finishing. */
  interrupted: boolean;
};

/** How the input file was laid out, so the failures file can be written the same way. */
export type SourceLayout =
  | { format: "csv"; header: readonly string[]; delimiter: string }
  | { format: "feitian" }
  | { format: "pskc" };

/** A row validation rejected: its line, the reason, and its cells for the failures file. */
export type RejectedRow = {
  line: number;
  serialNumber: string | null;
  upn: string | null;
  code: string;
  message: string;
  cells?: readonly string[] | undefined;
};
