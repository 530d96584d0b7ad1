import { setTimeout as wait } from "node:timers/promises";

/** A sleep that an aborted signal cuts short (it then resolves at once). */
export function interruptibleSleep(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) => wait(ms, undefined, { signal }).catch(() => undefined);
}
