import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import type { RemoveEvent } from "../../events/remove-events.js";
import { runRemoveJob } from "../../inventory/remove-job.js";
import type { RemovalPlan } from "../../inventory/remove-plan.js";
import { checkSerialArguments, readSerialFile } from "../../inventory/serial-file.js";
import { interruptibleSleep } from "../../job/sleep.js";
import { rateMemoryIn } from "../../job/learned-rate.js";
import { namedCacheFolder } from "../user-folders.js";
import { printable, printableJson } from "../../present/printable.js";
import { targetSentence } from "../../present/run-target-lines.js";
import type { RunTarget } from "../../events/run-target.js";
import { removeEventText } from "../../present/remove-lines.js";
import { reportProblems } from "../../present/run-lines.js";
import { Scrubber } from "../../secrets/scrubber.js";
import type { CommandRun, OptionsOf } from "../command.js";
import { commandLineOf } from "../command-line.js";
import type { removeSections } from "../commands/remove.js";
import { confirmWrite, onTerminal, requireConsent, type WriteConsent } from "../confirm-write.js";
import { onInterrupt } from "../interrupt.js";
import type { CliIo } from "../io.js";
import { openTenant, tenantIo, tenantTarget } from "../tenant-session.js";

/** `oathkit remove`: serials in, the plan, the question, unassign and delete, the summary. */
export const run: CommandRun<OptionsOf<typeof removeSections>> = async (
  { values, positionals, args },
  io,
) => {
  const flags = values;
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
        concurrency: flags.concurrency,
        cwd: io.cwd,
        files: { report: flags.report, state: flags.state, force: flags.force === true },
        inputs: flags.file === undefined ? [] : [resolve(io.cwd, flags.file)],
        commandLine: commandLineOf(["remove", ...args], new Scrubber()),
        confirm: (plan, target) => confirm(plan, target, io, consent),
      },
      {
        openTenant: () => openTenant(tenantTarget(flags, "write"), tenantIo(io)),
        now: Date.now,
        // Ctrl-C cuts a wait short; the token in flight then finishes its write.
        sleep: interruptibleSleep(interrupt.signal),
        random: Math.random,
        emit,
        signal: interrupt.signal,
        rates: rateMemoryIn(namedCacheFolder(io.env)),
      },
    );
    emit({ type: "summary", summary });
    reportProblems(summary, io.stderr);
    if (summary.interrupted) return 130;
    // A serial never seen in the tenant is not "done": it was probably mistyped (exit 1).
    const incomplete = summary.counts.failed + summary.counts.notFound > 0;
    return incomplete || summary.problems.length > 0 ? 1 : 0;
  } finally {
    interrupt.release();
  }
};

/**
The question before the first write, under the one rule of `confirmWrite`
(src/cli/confirm-write.ts).
*/
async function confirm(
  plan: RemovalPlan,
  target: RunTarget,
  io: CliIo,
  consent: WriteConsent,
): Promise<boolean> {
  const { unassign, delete: deletes } = plan.counts;
  const what =
    plan.mode === "remove"
      ? `unassign ${unassign} and delete ${deletes} token${deletes === 1 ? "" : "s"}`
      : `unassign ${unassign} token${unassign === 1 ? "" : "s"}`;
  // The question names where it writes, however long the plan above it: an admin of many
  // tenants answers for this one. Its own line, so the short question never wraps.
  const question = `${printable(capitalise(targetSentence(target)))}:\n${capitalise(what)}? [y/N] `;
  await confirmWrite(consent, what, question, io);
  return true;
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
