import { join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { UsageError } from "../../errors.js";
import { printableJson } from "../../printable.js";
import type { RemoveEvent } from "../../inventory/remove-events.js";
import type { RemovalPlan } from "../../inventory/remove-plan.js";
import { removeEventText } from "../../inventory/render-remove.js";
import { removeJobId, runRemove, type RemovePaths } from "../../inventory/run-remove.js";
import { checkSerialArguments, readSerialFile } from "../../inventory/serial-file.js";
import type { CliIo, Command } from "../io.js";
import {
  fatalGraphError,
  openTenant,
  tenantIo,
  tenantHelp,
  tenantOptions,
} from "../tenant-session.js";
import { parseCommandArgs } from "../args.js";
import { reportAndJournal } from "../run-paths.js";
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
  help: { type: "boolean", short: "h" },
} as const;

const help = [
  "Usage: oathkit remove <serial…> | --file <report CSV> [options] [tenant options]",
  "",
  "Unassigns each token from its holder, then deletes it from the inventory. Serials not in the",
  "tenant count as done. Journaled: run the same command again to finish an interrupted job.",
  "",
  "  --file <path>            read the serial column of an oathkit report or list export CSV",
  "                           (never a seed file; like one, it must be private: chmod 600)",
  "  --allow-insecure-permissions  read a --file that group or others may read",
  "  --unassign-only          unassign, keep the tokens in the inventory (available)",
  "  --dry-run                look up and show the plan; write nothing",
  "  --yes, -y                no confirmation prompt (required for writes when not on a terminal)",
  "  --json                   NDJSON events, ending with a summary line",
  "  --concurrency <n>        tokens in flight at once (default 4)",
  "  --report <path>          report CSV (default oathkit-runs/remove-<job>/report.csv)",
  "  --state <path>           journal (default beside the report, <report>.journal.jsonl)",
  ...tenantHelp,
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
    const concurrency = Number(flags.concurrency ?? 4);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new UsageError("--concurrency must be a whole number from 1 to 64.");
    }
    const mode = flags["unassign-only"] === true ? "unassign-only" : "remove";
    const paths = removePaths(io.cwd, removeJobId(serials, mode), flags);
    const json = flags.json === true;
    const emit = (event: RemoveEvent): void => {
      const text = json ? printableJson(JSON.stringify(event)) : removeEventText(event);
      if (text !== null) io.stdout.write(`${text}\n`);
    };

    const interrupt = onInterrupt(io);
    const session = await openTenant(flags, tenantIo(io));
    try {
      const summary = await runRemove(
        serials,
        {
          mode,
          dryRun: flags["dry-run"] === true,
          concurrency,
          confirm: (plan) => confirm(plan, io, { json, yes: flags.yes === true }),
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
      ).catch((error: unknown) => {
        throw fatalGraphError(error);
      });
      emit({ type: "summary", summary });
      if (summary.interrupted) return 130;
      return summary.counts.failed > 0 ? 1 : 0;
    } finally {
      interrupt.release();
      await session.close();
    }
  },
};

/**
Where a job's files go, as for import (src/cli/run-paths.ts): one folder per job under
./oathkit-runs, so the same command finds its journal again and resumes; the journal sits beside
the report unless --state moves it.
*/
function removePaths(
  cwd: string,
  jobId: string,
  flags: { report?: string | undefined; state?: string | undefined },
): RemovePaths {
  return reportAndJournal(
    cwd,
    join(cwd, "oathkit-runs", `remove-${jobId.slice(0, 8)}`, "report.csv"),
    flags,
  );
}

/**
On a terminal (stdin and stdout, as import decides): ask. Otherwise, or with --json, only --yes
allows a write: unlike import, remove destroys, so a pipe never confirms by default.
*/
async function confirm(
  plan: RemovalPlan,
  io: CliIo,
  how: { json: boolean; yes: boolean },
): Promise<boolean> {
  if (how.yes) return true;
  const { unassign, delete: deletes } = plan.counts;
  const what =
    plan.mode === "remove"
      ? `unassign ${unassign} and delete ${deletes} token${deletes === 1 ? "" : "s"}`
      : `unassign ${unassign} token${unassign === 1 ? "" : "s"}`;
  if (io.stdin.isTTY !== true || io.stdout.isTTY !== true || how.json) {
    throw new UsageError(`This would ${what}; nothing was changed.`, {
      hint: "Pass --yes to confirm when not running on a terminal (or --dry-run to only look).",
    });
  }
  const prompt = createInterface({ input: io.stdin, output: io.stderr });
  const cancel = new AbortController();
  prompt.once("SIGINT", () => cancel.abort()); // Ctrl-C at the prompt is a no
  try {
    const answer = await prompt.question(`${capitalise(what)}? [y/N] `, { signal: cancel.signal });
    return /^y(es)?$/iu.test(answer.trim());
  } catch {
    return false;
  } finally {
    prompt.close();
  }
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function parse(args: readonly string[]) {
  return parseCommandArgs("remove", args, options);
}
