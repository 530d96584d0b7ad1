import type { Emit } from "../events/provision-events.js";
import type { OathDirectory } from "../graph/port.js";
import type { ImportMode } from "../events/run-summary.js";

/** What the provisioning core needs from the outside world; the CLI builds the real ones. */
export type ProvisionDeps = {
  directory: OathDirectory;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  emit: Emit;
  /** Aborted by Ctrl-C / `q`: no new request starts; requests in flight finish. */
  signal: AbortSignal;
};

export type ProvisionOptions = {
  command: "import" | "activate";
  mode: ImportMode;
  /** Requests in flight at once. */
  concurrency: number;
  /** Tokens per bulk `$delta` create; 1 sends single POSTs. */
  chunkSize: number;
  maxSkewMs: number;
  useServerTime: boolean;
  activationsPerMinute?: number | undefined;
};

export const defaultProvisionOptions = {
  concurrency: 8,
  chunkSize: 50,
  maxSkewMs: 30_000,
  useServerTime: false,
} as const;
