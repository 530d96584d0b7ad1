import { CancelledError, OathkitError, UsageError } from "../errors.js";
import { askYesNo } from "./ask.js";
import type { CliIo } from "./io.js";

/**
Whether a person can answer a question: stdin and stdout are terminals and `--json` is off.
`| tee`, `< file`, cron and CI are not terminals.
*/
export function onTerminal(io: Pick<CliIo, "stdin" | "stdout">, json: boolean): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true && !json;
}

export type WriteConsent = {
  /** `--yes`: the caller confirmed on the command line. */
  yes: boolean;
  /** `onTerminal(io, json)`: someone is there to ask. */
  terminal: boolean;
};

/** Off a terminal without `--yes`: exit 2, and nothing was written. */
export function refusedOffTerminal(what?: string): UsageError {
  const would = what === undefined ? "" : ` (this would ${what})`;
  return new UsageError(`Nothing was written${would}: pass --yes to confirm off a terminal.`, {
    hint: "Or run it in a terminal to answer the question; --dry-run shows the plan without --yes.",
  });
}

/**
The same rule, checked before anything else happens (no file read, no sign-in, no request): a
command that would write, off a terminal and without `--yes`, stops at once. A dry run writes
nothing and needs no `--yes`.
*/
export function requireConsent(consent: WriteConsent, dryRun: boolean): void {
  if (!dryRun && !consent.yes && !consent.terminal) throw refusedOffTerminal();
}

/** "n", Enter or end of input at the question: nothing was done (exit 2). */
export function declined(): OathkitError {
  return new OathkitError("Nothing was written: the plan was not confirmed.", {
    hint: "Run the same command again to see the plan and answer y.",
  });
}

/** Ctrl-C (or q) at the question: stopped by the user (exit 130). */
export function stoppedAtQuestion(): CancelledError {
  return new CancelledError("Stopped at the question; nothing was written.");
}

/**
The one rule for every command that writes to a tenant (import, activate, remove): `--yes`
goes on; on a terminal the question is asked; anywhere else nothing is written and the command
exits 2. Returns only when the write may go on; a "no" throws `declined()` (exit 2), Ctrl-C
`stoppedAtQuestion()` (exit 130). A dry run never gets here: it writes nothing.
*/
export async function confirmWrite(
  consent: WriteConsent,
  what: string,
  question: string,
  io: Pick<CliIo, "stdin" | "stderr">,
): Promise<void> {
  if (consent.yes) return;
  if (!consent.terminal) throw refusedOffTerminal(what);
  const answer = await askYesNo(question, io);
  if (answer === "interrupted") throw stoppedAtQuestion();
  if (answer === "no") throw declined();
}
