import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { InputFileError } from "../errors.js";

/**
The resume journal (product.md §3): JSON lines, mode 0600, one line per step a token reaches,
written BEFORE a write is sent (`*-sent`) and after it is confirmed. It holds serials, ids,
phases and request ids only — never a seed, a code or a response body.

The tenant is the source of truth on resume; the journal says which tokens this job created (so
a serial found in the tenant is "ours, carry on" rather than "already present, skip") and which
writes may have been applied without an answer (reconcile before sending again).

Lines are written with one write(2) each to a file opened O_APPEND; a process killed with -9
loses nothing already written (the page cache survives the process). A torn last line, from a
crash of the machine itself, is ignored on reading.
*/
export type JournalPhase =
  | "create-sent"
  | "created"
  | "assign-sent"
  | "assigned"
  | "activate-sent"
  | "activated"
  | "verified"
  | "failed"
  // remove (src/inventory/remove-tokens.ts)
  | "unassign-sent"
  | "unassigned"
  | "delete-sent"
  | "deleted";

export type JournalRecord = {
  phase: JournalPhase;
  deviceId?: string | undefined;
  userId?: string | undefined;
  requestId?: string | undefined;
  code?: string | undefined;
};

type RunLine = { kind: "run"; version: 1; command: string; inputSha256: string; startedAt: string };
type TokenLine = JournalRecord & { kind: "token"; serial: string; at: string };

export type JournalEntry = JournalRecord & { createdHere: boolean };

export class Journal {
  readonly path: string;
  readonly #fd: number;
  readonly #lockPath: string;
  readonly #state = new Map<string, JournalEntry>();
  readonly #now: () => number;

  private constructor(path: string, fd: number, lockPath: string, now: () => number) {
    this.path = path;
    this.#fd = fd;
    this.#lockPath = lockPath;
    this.#now = now;
  }

  /**
  Opens (or creates) the journal for a job on one input file. Refuses a journal written for a
  different input, and a journal another live oathkit process holds.
  */
  static open(
    path: string,
    run: { command: string; inputSha256: string },
    now: () => number,
  ): Journal {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const lockPath = `${path}.lock`;
    takeLock(lockPath);
    try {
      const previous = readJournal(path, run.inputSha256);
      const fd = openSync(path, "a", 0o600);
      const journal = new Journal(path, fd, lockPath, now);
      for (const line of previous) if (line.kind === "token") journal.#fold(line);
      journal.#write({ kind: "run", version: 1, ...run, startedAt: new Date(now()).toISOString() });
      return journal;
    } catch (error) {
      unlinkSync(lockPath);
      throw error;
    }
  }

  /**
  What an earlier run of this job recorded, without taking the journal: for `--dry-run`, which
  writes nothing. Same refusal of a journal written for another input.
  */
  static peek(path: string, inputSha256: string): (serial: string) => JournalEntry | undefined {
    const state = new Map<string, JournalEntry>();
    for (const line of readJournal(path, inputSha256))
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
    const line: TokenLine = {
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
    try {
      unlinkSync(this.#lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }

  #fold(line: TokenLine): void {
    this.#state.set(line.serial, foldEntry(this.#state.get(line.serial), line));
  }

  #write(line: RunLine | TokenLine): void {
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
  }
}

function foldEntry(before: JournalEntry | undefined, line: TokenLine): JournalEntry {
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

/** The journal's lines (none if it does not exist yet); refuses one written for another input. */
function readJournal(path: string, inputSha256: string): Array<RunLine | TokenLine> {
  const lines = existsSync(path) ? readLines(path) : [];
  const firstRun = lines.find((l): l is RunLine => l.kind === "run");
  if (firstRun !== undefined && firstRun.inputSha256 !== inputSha256) {
    throw new InputFileError(
      `The journal ${path} belongs to a different version of this input file.`,
      {
        hint: "Finish that job with its original file, or pass a new --state path to start a separate job.",
      },
    );
  }
  return lines;
}

function readLines(path: string): Array<RunLine | TokenLine> {
  const lines: Array<RunLine | TokenLine> = [];
  for (const text of readFileSync(path, "utf8").split("\n")) {
    if (text.trim() === "") continue;
    try {
      lines.push(JSON.parse(text) as RunLine | TokenLine);
    } catch {
      // A torn line from a crash mid-write: the step it described was never confirmed.
    }
  }
  return lines;
}

function takeLock(lockPath: string): void {
  mkdirSync(dirname(lockPath), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lockPath, "utf8"));
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new InputFileError(`Another oathkit process (pid ${pid}) is running this job.`, {
          hint: "Wait for it to finish, or stop it; a stopped run resumes where it left off.",
        });
      }
      unlinkSync(lockPath);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
