import { join, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { printableJson } from "../../present/printable.js";
import type { RemoveEvent } from "../../events/remove-events.js";
import type { RemovalPlan } from "../../inventory/remove-plan.js";
import { removeEventText } from "../../present/remove-lines.js";
import { removeJobId, runRemove, type RemovePaths } from "../../inventory/run-remove.js";
import { checkSerialArguments, readSerialFile } from "../../inventory/serial-file.js";
import type { CliIo, Command } from "../io.js";
import {
  fatalGraphError,
  openTenant,
  signIn,
  tenantIo,
  tenantHelp,
  tenantOptions,
} from "../tenant-session.js";
import { helpPointer, parseCommandArgs } from "../args.js";
import { wholeNumberFlag } from "../number-flags.js";
import { confirmWrite, onTerminal, requireConsent, type WriteConsent } from "../confirm-write.js";
import { journalPath, reportPath } from "../run-paths.js";
import { commandLineOf } from "../command-line.js";
import { Scrubber } from "../../secrets/scrubber.js";
import { utc } from "../../files/report-header.js";
import { oathkitVersion } from "../../version.js";
import { interruptibleSleep, onInterrupt } from "../interrupt.js";

const options = {
  ...tenantOptions,
  file: { type: "string" },
  "allow-insecure-permissions": { type: "boolean" },
  "unassign-only": { type: "boolean" },
  "dry-run": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  json: { type: "boolean" },
  concurrency: { type: "string" },
  state: { type: "string" },
  report: { type: "string" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const help = [
  "Usage: oathkit remove <serial…> | --file <report CSV> [options] [tenant options]",
  "",
  "Unassigns each token from its holder, then deletes it from the inventory. The plan lists every",
  'serial before the question; a serial not in the tenant is reported "not found" (exit 1), unless',
  "this job removed it earlier. Journaled: run the same command again to finish an interrupted job.",
  "",
  "  --file <path>            read the serial column of an oathkit report or list export CSV",
  "                           (never a seed file; like one, it must be private: chmod 600)",
  "  --allow-insecure-permissions  read a --file that group or others may read",
  "  --unassign-only          unassign, keep the tokens in the inventory (available)",
  "  --dry-run                look up and show the plan; write nothing",
  "  --yes, -y                no confirmation prompt (required for writes when not on a terminal)",
  "  --json                   NDJSON events, ending with a summary line",
  "  --concurrency <n>        tokens in flight at once (default 4)",
  "  --report <path>          this run's report, .csv or .json (default: a new",
  "                           oathkit-runs/remove-<job>/remove-<UTC time>.csv each run)",
  "  --force                  replace an existing --report file",
  "  --state <path>           journal (default: oathkit-runs/remove-<job>/, one per tenant)",
  ...tenantHelp,
  "",
  "Examples:",
  "  oathkit remove 60234567 60234568                # shows the plan, then asks y/N",
  "  oathkit remove --file tokens.csv --unassign-only --dry-run",
  "  oathkit remove -- -F3                           # a serial that starts with a dash",
  "",
].join("\n");

export const removeCommand: Command = {
  name: "remove",
  usage: "remove <serial…> | --file <f>",
  summary: "unassign and delete tokens (clean-up, lost tokens)",
  async run(args, io) {
    const { values: flags, positionals } = parse(args);
    if (flags.help === true) {
      io.stdout.write(help);
      return 0;
    }
    const typed = positionals.map((s) => s.trim()).filter((s) => s !== "");
    checkSerialArguments(typed); // serials go to the screen, the report and Graph: no seeds
    const serials = [
      ...typed,
      ...(flags.file === undefined
        ? []
        : await readSerialFile(resolve(io.cwd, flags.file), {
            allowInsecurePermissions: flags["allow-insecure-permissions"] === true,
          })),
    ];
    if (serials.length === 0) {
      throw new UsageError("No serial numbers to remove.", {
        hint: "Pass serials as arguments or --file <report CSV>.",
      });
    }
    const concurrency = concurrencyOf(flags.concurrency);
    const mode = flags["unassign-only"] === true ? "unassign-only" : "remove";
    const started = Date.now();
    const folder = join(io.cwd, "oathkit-runs", `remove-${removeJobId(serials, mode).slice(0, 8)}`);
    const force = flags.force === true;
    const inputs = flags.file === undefined ? [] : [resolve(io.cwd, flags.file)];
    const report = reportPath(folder, "remove", io.cwd, { ...flags, force }, inputs, started);
    const json = flags.json === true;
    const emit = (event: RemoveEvent): void => {
      const text = json ? printableJson(JSON.stringify(event)) : removeEventText(event);
      if (text !== null) io.stdout.write(`${text}\n`);
    };

    const consent = { yes: flags.yes === true, terminal: onTerminal(io, json) };
    requireConsent(consent, flags["dry-run"] === true);
    const interrupt = onInterrupt(io);
    const session = await openTenant(flags, tenantIo(io));
    try {
      const connected = await signIn(session);
      const journal = journalPath(folder, "remove", io.cwd, connected, flags.state);
      const paths: RemovePaths = { report, journal, replaceReport: force };
      const summary = await runRemove(
        serials,
        {
          mode,
          dryRun: flags["dry-run"] === true,
          concurrency,
          confirm: (plan) => confirm(plan, io, consent),
          audit: {
            oathkitVersion,
            commandLine: commandLineOf(["remove", ...args], new Scrubber()),
            tenantId: connected.tenantId,
            graphHost: connected.graphHost,
            signedInAs: connected.signedInAs,
            input: inputs[0] ?? null,
            inputSha256: null,
            journal,
            startedAt: utc(started),
          },
        },
        paths,
        {
          directory: session.directory,
          now: Date.now,
          // Ctrl-C cuts a wait short; the token in flight then finishes its write.
          sleep: interruptibleSleep(interrupt.signal),
          random: Math.random,
          emit,
          signal: interrupt.signal,
        },
      ).catch(async (error: unknown) => {
        throw await fatalGraphError(error, session);
      });
      emit({ type: "summary", summary });
      for (const problem of summary.problems) io.stderr.write(`${problem}\n`);
      if (summary.interrupted) return 130;
      // A serial never seen in the tenant is not "done": it was probably mistyped (exit 1).
      const incomplete = summary.counts.failed + summary.counts.notFound > 0;
      return incomplete || summary.problems.length > 0 ? 1 : 0;
    } finally {
      interrupt.release();
      await session.close();
    }
  },
};

/**
The question before the first write, under the one rule of `confirmWrite`
(src/cli/confirm-write.ts).
*/
async function confirm(plan: RemovalPlan, io: CliIo, consent: WriteConsent): Promise<boolean> {
  const { unassign, delete: deletes } = plan.counts;
  const what =
    plan.mode === "remove"
      ? `unassign ${unassign} and delete ${deletes} token${deletes === 1 ? "" : "s"}`
      : `unassign ${unassign} token${unassign === 1 ? "" : "s"}`;
  await confirmWrite(consent, what, `${capitalise(what)}? [y/N] `, io);
  return true;
}

function concurrencyOf(value: string | undefined): number {
  const parsed = wholeNumberFlag("--concurrency", { min: 1, max: 64 }).safeParse(value ?? "4");
  if (parsed.success) return parsed.data;
  throw new UsageError(
    `${parsed.error.issues[0]?.message ?? "bad --concurrency"}. ${helpPointer("remove")}`,
  );
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function parse(args: readonly string[]) {
  return parseCommandArgs("remove", args, options);
}
