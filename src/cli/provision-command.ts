import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import type { Emit, ProvisionEvent } from "../events.js";
import type { ValidationResult } from "../validate/validate-file.js";
import { OathkitError, UsageError } from "../errors.js";
import { connectionHelp, connectionOptions } from "../graph/index.js";
import { Scrubber } from "../secrets/scrubber.js";
import {
  createDeviceCheckStore,
  createRunStore,
  renderDeviceCheck,
  renderRun,
  type MountedUi,
} from "../ui/index.js";
import { onePath, parseCommandArgs } from "./args.js";
import { deviceCodes } from "./device-codes.js";
import { terminalIo, type CliIo } from "./io.js";
import { provisionOptionHelp, provisionOptionSpec, toProvisionFlags } from "./provision-options.js";
import {
  exitCode,
  prepareFile,
  runSession,
  type SessionHooks,
  type SessionSettings,
} from "./provision-session.js";
import { ndjsonSink, plainSink } from "./run-output.js";
import { seedFileOptionHelp, seedFileOptionSpec, toSeedFileOptions } from "./seed-file-options.js";

export const provisionHelp = (
  command: "import" | "activate",
): string => `Usage: oathkit ${command} <file> [options]

${command === "import" ? "Validate, then create, assign and activate the file's tokens in Entra ID." : "Activate tokens already in the tenant: assign them if needed and send their current code.\n  --from-device                      type the code shown on each physical token instead; it is\n                                     checked against the seed and the device's drift is reported"}
Nothing is written before the plan is shown and confirmed (--yes skips the question).
Run the same command again to resume an interrupted job. Exit 0 when every token is done,
1 when some rows were rejected or tokens failed, 2 when nothing was done.

${provisionOptionHelp}

Tenant options:
${connectionHelp.join("\n")}

${seedFileOptionHelp}
`;

/** `oathkit import` and `oathkit activate`: flags in, a run, an exit code out. */
export async function runProvisionCommand(
  command: "import" | "activate",
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(command, args, {
    ...seedFileOptionSpec,
    ...connectionOptions,
    ...provisionOptionSpec,
  });
  if (values.help === true) {
    io.stdout.write(provisionHelp(command));
    return 0;
  }
  const fromDevice = values["from-device"] === true;
  if (fromDevice && command !== "activate")
    throw new UsageError("--from-device belongs to `oathkit activate`.");
  const interactive = io.stdin.isTTY === true && io.stdout.isTTY === true && values.json !== true;
  if (fromDevice && !interactive) {
    throw new UsageError("--from-device needs a terminal: the codes are typed off each token.", {
      hint: "Run it in a terminal, without --json.",
    });
  }
  const file = resolve(io.cwd, onePath(command, positionals));
  const flags = toProvisionFlags(values, command);
  const settings: SessionSettings = {
    command,
    mode: command === "activate" ? "activate" : flags.mode,
    cwd: io.cwd,
    seedOptions: toSeedFileOptions(values, io, command),
    mapPath: values.map,
    flags,
    dryRun: values["dry-run"] === true,
    useServerTime: values["use-server-time"] === true,
    reportPath: values.report,
    statePath: values.state,
    tenant:
      values.emulator === true
        ? { kind: "emulator", usersFile: values["emulator-users"] }
        : { kind: "flags", flags: values, env: io.env },
  };
  const scrubber = new Scrubber();
  const prepared = await prepareFile(file, settings, scrubber);
  const { validation } = prepared;
  const abort = new AbortController();
  const common = {
    signal: abort.signal,
    onDeviceCodePrompt: (message: string) => io.stderr.write(`${scrubber.scrub(message)}\n`),
  };

  if (!interactive || fromDevice) {
    // While the device check owns the screen, plain lines wait and are printed after it.
    const held: string[] = [];
    let holding = false;
    const out = fromDevice
      ? { write: (text: string) => (holding ? held.push(text) : io.stderr.write(text)) }
      : io.stdout;
    const sink = values.json === true ? ndjsonSink(io.stdout, scrubber) : plainSink(out, scrubber);
    const deviceStore = fromDevice ? createDeviceCheckStore({ scrubber }) : null;
    const emit: Emit = (event) => {
      if (deviceStore !== null && event.type === "phase" && event.phase === "activate") {
        deviceStore.push({ type: "device-check-started", total: event.total });
      }
      sink(event);
    };
    emit(validatedEvent(file, validation));
    if (prepared.input.tokens.length === 0) return nothingValid(validation.rows, io);
    const onSigint = (): void => {
      if (abort.signal.aborted) process.exit(130);
      io.stderr.write("\nStopping after the requests in flight… (Ctrl-C again to quit at once)\n");
      abort.abort();
    };
    process.on("SIGINT", onSigint);
    let deviceUi: MountedUi | null = null;
    try {
      const hooks: SessionHooks = {
        ...common,
        emit,
        confirm: (rejected) => confirmOnce(values.yes === true, interactive, rejected, io),
      };
      if (deviceStore !== null) {
        hooks.codeSource = (_ctx, directory) => {
          holding = true;
          deviceUi ??= renderDeviceCheck(deviceStore, terminalIo(io));
          return deviceCodes(deviceStore, directory, abort.signal, () => abort.abort());
        };
      }
      return exitCode(await runSession(prepared, settings, scrubber, hooks));
    } finally {
      process.off("SIGINT", onSigint);
      const ui = deviceUi as MountedUi | null;
      deviceStore?.push({ type: "device-check-finished" });
      ui?.unmount();
      await ui?.waitUntilExit();
      for (const text of held) io.stderr.write(text);
    }
  }

  // A terminal: the ink progress UI; the plan is confirmed on screen.
  const store = createRunStore({ scrubber });
  const ui = renderRun(store, terminalIo(io), {
    confirm: values.yes !== true,
    rerun: `oathkit ${[command, ...args].join(" ")}`,
  });
  store.push(validatedEvent(file, validation));
  let answer: (yes: boolean) => void = () => undefined;
  const off = store.onIntent((intent) => {
    if (intent.type === "confirm") answer(true);
    if (intent.type === "decline") answer(false);
    if (intent.type === "quit") {
      answer(false);
      abort.abort();
    }
  });
  try {
    if (prepared.input.tokens.length === 0) return nothingValid(validation.rows, io);
    const summary = await runSession(prepared, settings, scrubber, {
      ...common,
      emit: store.push,
      confirm: (rejected) =>
        values.yes === true
          ? Promise.resolve(true)
          : rejected >= 0
            ? new Promise((r) => (answer = r))
            : Promise.resolve(true),
    });
    return exitCode(summary);
  } catch (error) {
    if (error instanceof OathkitError)
      store.push({ type: "fatal", message: error.message, hint: error.hint ?? null });
    throw error;
  } finally {
    off();
    ui.unmount();
    await ui.waitUntilExit();
  }
}

function nothingValid(rows: number, io: CliIo): number {
  io.stderr.write(
    rows === 0
      ? "The file has no token rows.\n"
      : "No row is valid; nothing was sent to the tenant.\n",
  );
  return rows === 0 ? 2 : 1;
}

/** Without a terminal there is no one to ask: go on only if nothing was rejected (or --yes). */
async function confirmOnce(
  yes: boolean,
  interactive: boolean,
  rejected: number,
  io: CliIo,
): Promise<boolean> {
  if (yes) return true;
  if (!interactive) {
    if (rejected === 0) return true;
    throw new OathkitError(
      `${rejected} row${rejected === 1 ? " is" : "s are"} rejected; nothing was written.`,
      { exitCode: 1, hint: "Fix them, or pass --yes to go on with the valid rows only." },
    );
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question(
      rejected > 0
        ? `${rejected} rows are rejected. Go on with the valid rows only? [y/N] `
        : "Go on? [y/N] ",
    );
    return /^y(es)?$/iu.test(answer.trim());
  } finally {
    rl.close();
  }
}

function validatedEvent(file: string, v: ValidationResult): ProvisionEvent {
  const { format, seedEncoding, rows, valid, rejected, issues } = v;
  return { type: "validated", file, format, seedEncoding, rows, valid, rejected, issues };
}
