import type { RenderOptions } from "ink";
import { wantsNoColour, withoutColour } from "./no-colour.js";

/** The streams and environment a UI runs on; the CLI passes its CliIo's. */
export type UiIo = {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  env?: Readonly<Record<string, string | undefined>> | undefined;
};

export type MountedUi = {
  /** Settles when the UI is unmounted. */
  waitUntilExit: () => Promise<unknown>;
  unmount: () => void;
};

/**
ink's options for our UIs: the injected streams, colour removed under `NO_COLOR`, and Ctrl-C
left to the UI (it becomes a `quit` intent instead of killing the process mid-request).
*/
export function inkOptions(io: UiIo): RenderOptions {
  const noColour = wantsNoColour(io.env ?? {});
  return {
    stdout: noColour ? withoutColour(io.stdout) : io.stdout,
    stderr: noColour ? withoutColour(io.stderr) : io.stderr,
    stdin: io.stdin,
    exitOnCtrlC: false,
    patchConsole: false,
  };
}
