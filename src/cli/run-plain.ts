import type { Emit } from "../events/provision-events.js";
import { printable } from "../present/printable.js";
import type { MountedUi } from "../ui/ui-io.js";
import type { FrontEnd } from "./front-end.js";
import { deviceCodes } from "../activate/device-codes.js";
import { onInterrupt } from "./interrupt.js";
import { terminalIo, type CliIo } from "./io.js";
import {
  confirmProvision,
  nothingValid,
  validatedEvent,
  type ProvisionRun,
} from "./provision-run.js";
import type { Summary } from "../events/run-summary.js";
import { exitCode, runSession, type SessionHooks } from "./provision-session.js";
import { ndjsonSink, plainSink, reportProblems } from "../present/run-lines.js";

/**
import/activate without the progress UI, as front-end.ts chose: NDJSON (`json`), plain lines
(`lines`), or `activate --from-device` (`device-check`), whose screen owns the terminal while plain
lines wait to be printed after it. Ctrl-C stops after the requests in flight; twice quits.
*/
export async function runPlain(
  run: ProvisionRun,
  io: CliIo,
  mode: { frontEnd: Exclude<FrontEnd, "screen">; terminal: boolean },
): Promise<number> {
  const { prepared, settings, scrubber } = run;
  const fromDevice = mode.frontEnd === "device-check";
  const held: string[] = [];
  let holding = false;
  const out = fromDevice
    ? { write: (text: string) => (holding ? held.push(text) : io.stderr.write(text)) }
    : io.stdout;
  const sink =
    mode.frontEnd === "json" ? ndjsonSink(io.stdout, scrubber) : plainSink(out, scrubber);
  // The device check's screen: ink is loaded only for it.
  const screen = fromDevice ? await import("../ui/render-device-check.js") : null;
  const deviceStore = screen?.createDeviceCheckStore({ scrubber }) ?? null;
  const emit: Emit = (event) => {
    if (deviceStore !== null && event.type === "phase" && event.phase === "activate") {
      deviceStore.push({ type: "device-check-started", total: event.total });
    }
    sink(event);
  };
  emit(validatedEvent(prepared.input.file, prepared.validation));
  if (prepared.input.tokens.length === 0) return nothingValid(prepared.validation.rows, io);

  const interrupt = onInterrupt(io);
  let deviceUi: MountedUi | null = null;
  let summary: Summary | null = null;
  try {
    const hooks: SessionHooks = {
      signal: interrupt.signal,
      emit,
      confirm: (rejected, toWrite) =>
        confirmProvision({ yes: run.yes, terminal: mode.terminal }, rejected, toWrite, io),
      // The sign-in service's words: scrubbed, and no control character reaches the terminal.
      onDeviceCodePrompt: (message) => io.stderr.write(`${printable(scrubber.scrub(message))}\n`),
    };
    if (screen !== null && deviceStore !== null) {
      hooks.codeSource = (ctx) => {
        holding = true;
        deviceUi ??= screen.renderDeviceCheck(deviceStore, terminalIo(io));
        return deviceCodes(deviceStore, {
          directory: ctx.deps.directory,
          now: ctx.deps.now,
          signal: interrupt.signal,
          stop: interrupt.stop,
        });
      };
    }
    summary = await runSession(prepared, settings, scrubber, hooks);
    return exitCode(summary);
  } finally {
    interrupt.release();
    const ui = deviceUi as MountedUi | null;
    deviceStore?.push({ type: "device-check-finished" });
    ui?.unmount();
    await ui?.waitUntilExit();
    for (const text of held) io.stderr.write(text);
    if (summary !== null) reportProblems(summary, io.stderr);
  }
}
