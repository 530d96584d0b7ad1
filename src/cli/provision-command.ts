import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { connectionHelp, connectionOptions } from "../graph/index.js";
import { Scrubber } from "../secrets/scrubber.js";
import { commandLineOf, rerunCommandOf } from "./command-line.js";
import { onePath, parseCommandArgs } from "./args.js";
import { onTerminal, requireConsent } from "./confirm-write.js";
import type { CliIo } from "./io.js";
import { provisionOptionHelp, provisionOptionSpec, toProvisionFlags } from "./provision-options.js";
import { prepareFile, type SessionSettings } from "./provision-session.js";
import { runOnTerminal } from "./run-on-terminal.js";
import { runPlain } from "./run-plain.js";
import { seedFileOptionHelp, seedFileOptionSpec, toSeedFileOptions } from "./seed-file-options.js";

const provisionExamples = {
  import: [
    "  oathkit import tokens.csv --emulator                # try it against a local emulator",
    "  oathkit import tokens.csv --tenant contoso.onmicrosoft.com --client-id <app id>",
    "  oathkit import tokens.csv --mode assign --dry-run   # the plan only; nothing is written",
    "  oathkit import tokens.csv --yes --json | tee run.ndjson   # off a terminal: --yes",
  ].join("\n"),
  activate: [
    "  oathkit activate tokens.csv --tenant contoso.onmicrosoft.com --client-id <app id>",
    "  oathkit activate tokens.csv --from-device           # type the code shown on each token",
  ].join("\n"),
};

export const provisionHelp = (
  command: "import" | "activate",
): string => `Usage: oathkit ${command} <file> [options]

${command === "import" ? "Validate, then create, assign and activate the file's tokens in Entra ID." : "Activate tokens already in the tenant: assign them if needed and send their current code.\n  --from-device                      type the code shown on each physical token instead; it is\n                                     checked against the seed and the device's drift is reported"}
Nothing is written before the plan is shown and confirmed: on a terminal you answer y; off a
terminal (a pipe, a script, --json) pass --yes, or nothing is written and the exit code is 2.
--dry-run shows the plan and needs no --yes. Run the same command again to resume an
interrupted job. Exit 0 when every token is done, 1 when some rows were rejected or tokens
failed, 2 when nothing was done, 130 when stopped with Ctrl-C.

Examples:
${provisionExamples[command]}

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
  const terminal = onTerminal(io, values.json === true);
  if (fromDevice && !terminal) {
    throw new UsageError("--from-device needs a terminal: the codes are typed off each token.", {
      hint: "Run it in a terminal, without --json.",
    });
  }
  const file = resolve(io.cwd, onePath(command, positionals));
  const flags = toProvisionFlags(values, command);
  const scrubber = new Scrubber();
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
    force: values.force === true,
    commandLine: commandLineOf([command, ...args], scrubber),
    tenant:
      values.emulator === true
        ? { kind: "emulator", usersFile: values["emulator-users"] }
        : { kind: "flags", flags: values, env: io.env },
  };
  // Off a terminal without --yes: stop before reading the file or signing in (exit 2).
  requireConsent({ yes: values.yes === true, terminal }, settings.dryRun);
  const prepared = await prepareFile(file, settings, scrubber);
  const run = { prepared, settings, scrubber, yes: values.yes === true };
  return terminal && !fromDevice
    ? runOnTerminal(run, io, rerunCommandOf([command, ...args], scrubber, io.env))
    : runPlain(run, io, { json: values.json === true, fromDevice, terminal });
}
