import type { RunCounts } from "./counts.js";

/** What `import` does with each token (README, "Commands"). */
export type ImportMode = "activate" | "assign" | "inventory";

/**
Where a token ended (the report's `state`; counted as in run-counts.ts). `already-done`: nothing
to do in this run (in the tenant before this job, or finished by an earlier run of it);
`rejected`: never sent (the stage says whether validation or pre-flight refused it);
`not-attempted`: the run stopped, or was a dry run, before it reached this token's steps.
*/
export type FinalState =
  "activated" | "assigned" | "available" | "already-done" | "rejected" | "failed" | "not-attempted";

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

export type Summary = {
  command: "import" | "activate";
  mode: ImportMode;
  file: string;
  counts: RunCounts;
  clock: { source: "local" | "server"; offsetMs: number; uncertaintyMs: number | null };
  elapsedMs: number;
  reportPath: string | null;
  /** The rows to retry, written by this run (null when none, or nothing was written). */
  failuresPath: string | null;
  /** Whether that file holds seeds (CSV and Feitian input; PSKC's lists serials only). */
  failuresHoldSeeds: boolean;
  /** This job's earlier failures file, deleted because none of its rows is left to retry. */
  failuresRemoved: string | null;
  journalPath: string | null;
  /** Files this run could not write (the report, the failures file), one sentence each. */
  problems: string[];
  /** Whether the run was stopped (Ctrl-C) before finishing. */
  interrupted: boolean;
  /**
  Whether running the same command again resumes this job: false with --emulator, whose tenant
  is a new one every run (a stopped demo starts over).
  */
  resumable: boolean;
};
