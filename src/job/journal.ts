import { closeSync, ftruncateSync, mkdirSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { InputFileError } from "../errors.js";
import { appendJobFile, readJobFile } from "../files/job-file.js";
import {
  journalKeyOf,
  parseJournal,
  type JournalKey,
  type JournalLine,
  type JournalStep,
  type JournalRunLine,
  type JournalTokenLine,
} from "./journal-lines.js";
import { takeLock } from "./journal-lock.js";

export type { JournalKey, JournalStep } from "./journal-lines.js";

/**
The resume journal (docs/provisioning.md): JSON lines, mode 0600, one line per step a token reaches,
written BEFORE a write is sent (`*-sent`) and after it is confirmed. It holds serials, ids,
phases and request ids only — never a seed, a code or a response body.

The tenant is the source of truth on resume; the journal says which tokens this job created (so
a serial found in the tenant is "ours, carry on" rather than "already present, skip") and which
writes may have been applied without an answer (reconcile before sending again).

Lines are written with one write(2) each to a file opened O_APPEND; a process killed with -9
loses nothing already written (the page cache survives the process). A torn last line, from a
crash of the machine itself, is ignored on reading.
*/
export type JournalRecord = {
  phase: JournalStep;
  deviceId?: string | undefined;
  userId?: string | undefined;
  requestId?: string | undefined;
  code?: string | undefined;
};

export type JournalEntry = JournalRecord & { createdHere: boolean };

export class Journal {
  readonly path: string;
  readonly #fd: number;
  readonly #unlock: () => void;
  readonly #state = new Map<string, JournalEntry>();
  readonly #now: () => number;

  private constructor(path: string, fd: number, unlock: () => void, now: () => number) {
    this.path = path;
    this.#fd = fd;
    this.#unlock = unlock;
    this.#now = now;
  }

  /**
  Opens (or creates) the journal of one job. Refuses a journal written for another input, tenant
  or Graph host, a damaged one, a link at its path, and a journal another live process holds.
  */
  static open(path: string, key: JournalKey, now: () => number): Journal {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const unlock = takeLock(`${path}.lock`);
    let fd: number | null = null;
    try {
      fd = appendJobFile(path, "journal");
      const text = readFileSync(fd, "utf8");
      const journal = new Journal(path, fd, unlock, now);
      for (const line of checked(path, text, key)) if (line.kind === "token") journal.#fold(line);
      endTornLine(fd, text);
      journal.#write({ kind: "run", version: 2, ...key, startedAt: new Date(now()).toISOString() });
      return journal;
    } catch (error) {
      if (fd !== null) closeSync(fd);
      unlock();
      throw error;
    }
  }

  /**
  What an earlier run of this job recorded, without taking the journal: for the plan, before
  anything is written. The same refusals as `open`.
  */
  static peek(path: string, key: JournalKey): (serial: string) => JournalEntry | undefined {
    const state = new Map<string, JournalEntry>();
    for (const line of checked(path, readJobFile(path, "journal"), key))
      if (line.kind === "token") state.set(line.serial, foldEntry(state.get(line.serial), line));
    return (serial) => state.get(serial);
  }

  /** The last known step for a serial, or undefined if this job never touched it. */
  get(serial: string): JournalEntry | undefined {
    return this.#state.get(serial);
  }

  get resumedCount(): number {
    return this.#state.size;
  }

  record(serial: string, record: JournalRecord): void {
    const line: JournalTokenLine = {
      kind: "token",
      serial,
      at: new Date(this.#now()).toISOString(),
      ...record,
    };
    this.#write(line);
    this.#fold(line);
  }

  close(): void {
    closeSync(this.#fd);
    this.#unlock();
  }

  #fold(line: JournalTokenLine): void {
    this.#state.set(line.serial, foldEntry(this.#state.get(line.serial), line));
  }

  #write(line: JournalRunLine | JournalTokenLine): void {
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
  }
}

function foldEntry(before: JournalEntry | undefined, line: JournalTokenLine): JournalEntry {
  return {
    phase: line.phase,
    deviceId: line.deviceId ?? before?.deviceId,
    userId: line.userId ?? before?.userId,
    requestId: line.requestId ?? before?.requestId,
    code: line.code,
    createdHere:
      (before?.createdHere ?? false) || line.phase === "create-sent" || line.phase === "created",
  };
}

/**
A last line without its line end was cut by a crash mid-write (or is a whole record missing only
its "\n"): the fragment is cut off, or the record ended, so the next record starts a line of its own.
*/
function endTornLine(fd: number, text: string): void {
  if (text === "" || text.endsWith("\n")) return;
  const kept = text.slice(0, text.lastIndexOf("\n") + 1);
  try {
    JSON.parse(text.slice(kept.length));
    writeSync(fd, "\n");
  } catch {
    ftruncateSync(fd, Buffer.byteLength(kept));
  }
}

/** The journal's lines (none if it does not exist yet), refused unless written for this job. */
function checked(path: string, text: string | null, key: JournalKey): JournalLine[] {
  if (text === null) return [];
  const lines = parseJournal(path, text);
  const own = journalKeyOf(lines);
  if (own === null) return lines;
  if (own.inputSha256 !== key.inputSha256) {
    throw new InputFileError(
      `The journal ${path} belongs to a different version of this input file.`,
      {
        hint: "Finish that job with its original file, or pass a new --state path to start a separate job.",
      },
    );
  }
  if (own.tenantId !== key.tenantId || own.graphHost !== key.graphHost) {
    const theirs =
      own.tenantId === undefined
        ? "does not say which tenant it was written for (an older oathkit wrote it)"
        : `belongs to tenant ${own.tenantId} at ${own.graphHost ?? "an unknown host"}`;
    throw new InputFileError(
      `The journal ${path} ${theirs}; this run is signed in to tenant ${key.tenantId} at ${key.graphHost}. It is not used.`,
      { hint: "Pass another --state path to start this tenant's own job." },
    );
  }
  return lines;
}
