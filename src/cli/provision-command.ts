import { resolve } from "node:path";
import type { RunTuning } from "../import/context.js";
import { prepareInput } from "../import/prepare-input.js";
import { Scrubber } from "../secrets/scrubber.js";
import { UsageError } from "../errors.js";
import { onePath } from "./args.js";
import type { Invocation, OptionsOf } from "./command.js";
import { commandLineOf, rerunCommandOf } from "./command-line.js";
import type { activateSections } from "./commands/import.js";
import { onTerminal, requireConsent } from "./confirm-write.js";
import type { CliIo } from "./io.js";
import { defaultsOf, type ValuesOf } from "./options/declare.js";
import { importSection, type runSection } from "./options/run.js";
import type { SessionSettings } from "./provision-session.js";
import { chooseFrontEnd } from "./front-end.js";
import { runPlain } from "./run-plain.js";
import { toSeedFileOptions } from "./seed-file-options.js";
import { tenantTarget } from "./tenant-session.js";

type ImportValues = ValuesOf<typeof importSection.options>;

/** What activate does of import's options: activate, and no bulk create to size. */
export const activateOnly: ImportValues = defaultsOf(importSection.options);

/** The run options as the job's tuning (options/run.ts). */
export function runTuning(
  values: ValuesOf<typeof runSection.options>,
  { "chunk-size": chunkSize }: ImportValues,
): RunTuning {
  return {
    concurrency: values.concurrency,
    chunkSize,
    activationsPerMinute: values["activation-rate"],
    maxSkewMs: values["max-skew-sec"] * 1000,
  };
}

/** `oathkit import` and `oathkit activate`: flags in, a run, an exit code out. */
export async function runProvisionCommand(
  command: "import" | "activate",
  { values, positionals, args }: Invocation<OptionsOf<typeof activateSections>>,
  io: CliIo,
  importValues: ImportValues = activateOnly,
): Promise<number> {
  const fromDevice = values["from-device"];
  const frontEnd = chooseFrontEnd(io, { json: values.json, fromDevice });
  const terminal = onTerminal(io, values.json);
  if (fromDevice && frontEnd !== "device-check") {
    throw new UsageError("--from-device needs a terminal: the codes are typed off each token.", {
      hint: "Run it in a terminal, without --json.",
    });
  }
  const file = resolve(io.cwd, onePath(command, positionals));
  const scrubber = new Scrubber();
  const settings: SessionSettings = {
    command,
    mode: importValues.mode,
    cwd: io.cwd,
    seedOptions: toSeedFileOptions(values, io),
    mapPath: values.map,
    tuning: runTuning(values, importValues),
    dryRun: values["dry-run"] === true,
    useServerTime: values["use-server-time"] === true,
    reportPath: values.report,
    statePath: values.state,
    force: values.force === true,
    commandLine: commandLineOf([command, ...args], scrubber),
    tenant: tenantTarget(values, "write"),
    env: io.env,
  };
  // Off a terminal without --yes: stop before reading the file or signing in (exit 2).
  requireConsent({ yes: values.yes === true, terminal }, settings.dryRun);
  const prepared = await prepareInput(file, settings, scrubber);
  const run = { prepared, settings, scrubber, yes: values.yes === true };
  if (frontEnd === "screen") {
    const { runOnTerminal } = await import("./run-on-terminal.js");
    return runOnTerminal(run, io, rerunCommandOf([command, ...args], scrubber, io.env));
  }
  return runPlain(run, io, { frontEnd, terminal });
}
