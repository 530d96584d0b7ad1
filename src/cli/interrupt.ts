import type { CliIo } from "./io.js";

export type Interrupt = {
  /** Aborted by the first Ctrl-C (or by `stop()`): no new request starts. */
  signal: AbortSignal;
  stop: () => void;
  /** Removes the Ctrl-C handler. */
  release: () => void;
};

/**
Ctrl-C during a run that writes: the first stops it after the requests in flight (their journal
lines are written, so the same command resumes), the second quits at once. On Windows Ctrl-Break
(SIGBREAK, which would end the process at once) counts as a Ctrl-C; elsewhere nothing sends it.
*/
export function onInterrupt(io: Pick<CliIo, "stderr">): Interrupt {
  const controller = new AbortController();
  const handler = (): void => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr.write("\nStopping after the requests in flight… (Ctrl-C again to quit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", handler);
  process.on("SIGBREAK", handler);
  return {
    signal: controller.signal,
    stop: () => controller.abort(),
    release: () => {
      process.off("SIGINT", handler);
      process.off("SIGBREAK", handler);
    },
  };
}
