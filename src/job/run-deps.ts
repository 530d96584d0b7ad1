import type { OathDirectory } from "../graph/port.js";
import type { RateMemory } from "./learned-rate.js";
import type { TenantSession } from "./tenant.js";

/**
What a job — import, activate or remove — needs from the outside world, with the kind of event it
emits. The CLI builds the real ones (Graph, Date.now, an interruptible sleep, Math.random, a sink);
tests pass the in-process emulator's directory and their own clock.
*/
export type RunDeps<E> = {
  directory: OathDirectory;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  emit: (event: E) => void;
  /** Aborted by Ctrl-C / `q`: no new request starts; requests in flight finish. */
  signal: AbortSignal;
  /** The write rate learned per tenant (the user's cache folder); absent: each run learns afresh. */
  rates?: RateMemory;
};

/**
A job's deps before it reaches its tenant: instead of the Graph port, how to open the tenant
(Graph, or the in-process emulator); the job opens it after checking its files, and closes it.
*/
export type JobDeps<E> = Omit<RunDeps<E>, "directory"> & {
  openTenant: () => Promise<TenantSession>;
};
