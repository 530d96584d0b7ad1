import { reportProblems } from "../../present/run-lines.js";
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { Scrubber } from "../../secrets/scrubber.js";
import {
  createGuidedStore,
  driveGuided,
  renderGuided,
  type GuidedController,
  type GuidedResult,
  type RunChoices,
} from "../../ui/index.js";
import type { CommandRun } from "../command.js";
import { terminalIo, type CliIo } from "../io.js";
import type { OptionSet } from "../options/declare.js";
import { prepareInput } from "../../import/prepare-input.js";
import { defaultsOf } from "../options/declare.js";
import { runSection } from "../options/run.js";
import { seedFileSection } from "../options/seed-file.js";
import { activateOnly, runTuning } from "../provision-command.js";
import { exitCode, runSession, type SessionSettings } from "../provision-session.js";
import { toSeedFileOptions } from "../seed-file-options.js";
import { deviceCodes } from "../../activate/device-codes.js";

const seedFileExtensions = /\.(csv|txt|xml|pskc|pskcxml)$/iu;

/**
`oathkit` with no arguments: the guided flow. The screens only send intents; this controller
does the work — validate the file the user picked, then the same run as `oathkit import` with
the mode and tenant chosen on screen — and answers with events.
*/
export const run: CommandRun<OptionSet> = async (_call, io) => {
  if (io.stdout.isTTY !== true || io.stdin.isTTY !== true) {
    throw new UsageError("The guided flow needs a terminal.", {
      hint: "Run `oathkit --help` for the commands.",
    });
  }
  const scrubber = new Scrubber();
  const store = createGuidedStore(seedFiles(io.cwd), { scrubber });
  const ui = renderGuided(store, terminalIo(io));
  let result: GuidedResult | undefined;
  try {
    result = await driveGuided(store, controller(io, scrubber));
  } finally {
    ui.unmount();
    await ui.waitUntilExit();
    if (result?.summary != null) reportProblems(result.summary, io.stderr);
  }
  const code = guidedExitCode(result);
  // Left (Ctrl-C, q) before any run was confirmed: the screen is gone, so say what happened.
  if (code === 130 && result.summary === null && result.error === null)
    io.stderr.write("Stopped before the plan was confirmed; nothing was written.\n");
  // Left before the first write while sign-in or pre-flight reads are still out (a device-code
  // sign-in can wait for minutes): nothing was written, so leave now rather than wait for them.
  if (result.pending) process.exit(130);
  return code;
};

/** docs/ui.md, "Exit codes of the guided flow". */
export function guidedExitCode({ summary, interrupted, error }: GuidedResult): number {
  if (interrupted) return 130;
  if (summary !== null) return exitCode(summary);
  return error?.exitCode ?? 130;
}

/** Seed files in the folder, then in its samples/ folder (the demo files of a clone). */
function seedFiles(cwd: string): string[] {
  const list = (folder: string, prefix: string): string[] => {
    try {
      return readdirSync(resolve(cwd, folder), { withFileTypes: true })
        .filter((entry) => entry.isFile() && seedFileExtensions.test(entry.name))
        .map((entry) => `${prefix}${entry.name}`)
        .sort();
    } catch {
      return [];
    }
  };
  return [...list(".", ""), ...list("samples", "samples/")];
}

function settingsFor(
  io: CliIo,
  choices: Pick<RunChoices, "mode" | "connection"> & { path: string },
): SessionSettings {
  const connection = choices.connection;
  return {
    command: "import",
    mode: choices.mode,
    cwd: io.cwd,
    seedOptions: toSeedFileOptions(defaultsOf(seedFileSection.options), io),
    mapPath: undefined,
    tuning: runTuning(defaultsOf(runSection.options), activateOnly),
    dryRun: false,
    useServerTime: false,
    reportPath: undefined,
    statePath: undefined,
    force: false,
    commandLine: `oathkit (guided flow: import ${choices.path} --mode ${choices.mode}${connection.kind === "emulator" ? " --emulator" : ""})`,
    tenant:
      connection.kind === "emulator"
        ? { kind: "emulator", usersFile: undefined }
        : {
            kind: "graph",
            tenantFrom: "the tenant step",
            settings: {
              tenant: connection.tenantId,
              // Empty: device-code and browser use the public client (graph/command-scopes.ts).
              clientId: connection.clientId === "" ? undefined : connection.clientId,
              auth: connection.auth,
            },
          },
    env: io.env,
  };
}

function controller(io: CliIo, scrubber: Scrubber): GuidedController {
  /** Valid rows as the validation step showed them, per file: a mode may count fewer. */
  const shown = new Map<string, number>();
  return {
    async validate(path) {
      const file = resolve(io.cwd, path);
      const { validation } = await prepareInput(
        file,
        settingsFor(io, { path, mode: "inventory", connection: { kind: "emulator" } }),
        scrubber,
      );
      const { format, seedEncoding, rows, valid, rejected, issues } = validation;
      shown.set(path, valid);
      return { file, format, seedEncoding, rows, valid, rejected, issues };
    },
    async run(choices, hooks) {
      const settings = settingsFor(io, choices);
      const prepared = await prepareInput(resolve(io.cwd, choices.path), settings, scrubber);
      const { device } = hooks;
      const before = shown.get(choices.path);
      const valid = prepared.validation.valid;
      if (before !== undefined && before !== valid) {
        hooks.emit({
          type: "warning",
          code: "mode-validation",
          message: `Mode ${choices.mode} needs a UPN on every row: ${valid} of the ${before} rows the validation step found valid can go on; the others are counted as rejected by validation.`,
        });
      }
      try {
        // runSession turns a Graph failure before the first write (sign-in, pre-flight) into the
        // fatal error the tenant step shows; after it, the run's own outcomes carry the failures.
        return await runSession(prepared, settings, scrubber, {
          emit: (event) => {
            if (choices.fromDevice && event.type === "phase" && event.phase === "activate") {
              device.push({ type: "device-check-started", total: event.total });
            }
            hooks.emit(event);
          },
          confirm: () => hooks.confirm(),
          signal: hooks.signal,
          onDeviceCodePrompt: (message) =>
            hooks.emit({ type: "warning", code: "sign-in", message }),
          // Quitting is the guided flow's own intent: driveGuided aborts the run.
          codeSource: choices.fromDevice
            ? (ctx) =>
                deviceCodes(device, {
                  directory: ctx.deps.directory,
                  now: ctx.deps.now,
                  signal: hooks.signal,
                  stop: () => undefined,
                })
            : undefined,
        });
      } finally {
        if (choices.fromDevice) device.push({ type: "device-check-finished" });
      }
    },
  };
}
