import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import type { RemoveEvent } from "../../events/remove-events.js";
import { runRemoveJob } from "../../inventory/remove-job.js";
import type { RemovalPlan } from "../../inventory/remove-plan.js";
import { checkSerialArguments, readSerialFile } from "../../inventory/serial-file.js";
import { interruptibleSleep } from "../../job/sleep.js";
import { printableJson } from "../../present/printable.js";
import { removeEventText } from "../../present/remove-lines.js";
import { Scrubber } from "../../secrets/scrubber.js";
import { helpPointer, parseCommandArgs } from "../args.js";
import { commandLineOf } from "../command-line.js";
import { confirmWrite, onTerminal, requireConsent, type WriteConsent } from "../confirm-write.js";
import { onInterrupt } from "../interrupt.js";
import type { CliIo, Command } from "../io.js";
import { wholeNumberFlag } from "../number-flags.js";
import { openTenant, tenantHelp, tenantIo, tenantOptions } from "../tenant-session.js";

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
    const json = flags.json === true;
    const emit = (event: RemoveEvent): void => {
      const text = json ? printableJson(JSON.stringify(event)) : removeEventText(event);
      if (text !== null) io.stdout.write(`${text}\n`);
    };
    const consent = { yes: flags.yes === true, terminal: onTerminal(io, json) };
    requireConsent(consent, flags["dry-run"] === true);
    const interrupt = onInterrupt(io);
    try {
      const summary = await runRemoveJob(
        {
          serials,
          mode: flags["unassign-only"] === true ? "unassign-only" : "remove",
          dryRun: flags["dry-run"] === true,
          concurrency,
          cwd: io.cwd,
          files: { report: flags.report, state: flags.state, force: flags.force === true },
          inputs: flags.file === undefined ? [] : [resolve(io.cwd, flags.file)],
          commandLine: commandLineOf(["remove", ...args], new Scrubber()),
          confirm: (plan) => confirm(plan, io, consent),
        },
        {
          openTenant: () => openTenant(flags, tenantIo(io)),
          now: Date.now,
          // Ctrl-C cuts a wait short; the token in flight then finishes its write.
          sleep: interruptibleSleep(interrupt.signal),
          random: Math.random,
          emit,
          signal: interrupt.signal,
        },
      );
      emit({ type: "summary", summary });
      for (const problem of summary.problems) io.stderr.write(`${problem}\n`);
      if (summary.interrupted) return 130;
      // A serial never seen in the tenant is not "done": it was probably mistyped (exit 1).
      const incomplete = summary.counts.failed + summary.counts.notFound > 0;
      return incomplete || summary.problems.length > 0 ? 1 : 0;
    } finally {
      interrupt.release();
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
