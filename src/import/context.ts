import type { ImportMode } from "../events/run-summary.js";

/** How hard a run pushes, from `--concurrency`, `--chunk-size`, `--activation-rate`, `--max-skew-sec`. */
export type RunTuning = {
  /** Requests in flight at once. */
  concurrency: number;
  /** Tokens per bulk `$delta` create; 1 sends single POSTs. */
  chunkSize: number;
  /** Refuse to activate from a clock further off Graph's than this. */
  maxSkewMs: number;
  /** At most this many activations a minute; undefined: no budget. */
  activationsPerMinute?: number | undefined;
};

export type ProvisionOptions = RunTuning & {
  command: "import" | "activate";
  mode: ImportMode;
  useServerTime: boolean;
};
