import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { InputFileError, OathkitError } from "../errors.js";

/**
The lock that keeps two live oathkit processes off one job: a file holding the owner's pid.

Taking it: the pid is written to a private temporary file first, which is then hard-linked to the
lock's name — link(2) fails if the name exists, so the lock appears atomically and never empty.

Taking over a dead owner's lock (a crash, kill -9) must not let two processes both win. The stale
lock is identified by its inode; only the process that creates `<lock>.steal-<inode>-<n>` (O_EXCL)
may replace it, and it does so with rename(2), so the lock's name never stops existing: anyone
else keeps failing to link and then reads a live owner. `<n>` moves on only past a taker that died
itself in those few microseconds. Every file involved is opened without following links.
*/
export function takeLock(lockPath: string): () => void {
  const mine = `${lockPath}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeNew(mine);
  try {
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      if (tryLink(mine, lockPath) || takeOver(lockPath, mine)) return release(lockPath);
      pause(5 + attempt * 5);
    }
    throw new OathkitError(`The job's lock ${lockPath} could not be taken.`, {
      hint: "Another oathkit process may be starting this job; try again in a moment.",
    });
  } finally {
    removeQuietly(mine); // after a link or a rename the lock has its own name
  }
}

const maxAttempts = 50;
const maxTakers = 8;

function writeNew(path: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
}

/** link(2) the prepared file to the lock's name; where hard links are not supported, O_EXCL. */
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
  }
  try {
    writeNew(to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The lock is held by a live process: refuse. Held by a dead one: take it over if we are its one taker. */
function takeOver(lockPath: string, mine: string): boolean {
  const holder = readOwner(lockPath);
  if (holder === null) return false; // released meanwhile: try to link again
  if (holder.pid !== null && isAlive(holder.pid)) throw heldBy(holder.pid, lockPath);
  return replaceStale(lockPath, holder.inode, mine);
}

/** The owner's pid (null if unreadable) and the lock's inode; null when there is no lock. */
function readOwner(lockPath: string): { pid: number | null; inode: number } | null {
  let fd: number;
  try {
    fd = openSync(lockPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "ELOOP" || code === "EMLINK") {
      throw new InputFileError(`The job's lock ${lockPath} is a symbolic link.`, {
        hint: "Remove the link and run the command again; nothing was written.",
      });
    }
    throw error;
  }
  try {
    const inode = fstatSync(fd).ino;
    const text = readFileSync(fd, "utf8").trim();
    const pid = /^\d{1,10}$/u.test(text) ? Number(text) : null;
    return { pid: pid !== null && pid > 0 ? pid : null, inode };
  } finally {
    closeSync(fd);
  }
}

/** Replaces the dead owner's lock (inode `stale`) with ours, if this process is its one taker. */
function replaceStale(lockPath: string, stale: number, mine: string): boolean {
  for (let n = 1; n <= maxTakers; n += 1) {
    const guard = `${lockPath}.steal-${stale}-${n}`;
    if (!tryLink(mine, guard)) {
      const taker = readOwner(guard);
      if (taker === null) return false; // finished meanwhile: look at the lock again
      if (taker.pid !== null && isAlive(taker.pid)) return false; // someone else is taking it over
      continue; // that taker died: the next number decides
    }
    try {
      const current = lstatSync(lockPath, { throwIfNoEntry: false });
      if (current === undefined || current.ino !== stale) return false;
      renameSync(mine, lockPath);
      return true;
    } finally {
      for (let k = 1; k <= n; k += 1) removeQuietly(`${lockPath}.steal-${stale}-${k}`);
    }
  }
  throw new OathkitError(`The job's lock ${lockPath} could not be taken over.`, {
    hint: `Delete ${lockPath} and the files beside it named like ${lockPath}.steal-*, then run again.`,
  });
}

function release(lockPath: string): () => void {
  const inode = lstatSync(lockPath).ino;
  return () => {
    const current = lstatSync(lockPath, { throwIfNoEntry: false });
    if (current?.ino === inode) removeQuietly(lockPath);
  };
}

function heldBy(pid: number, lockPath: string): InputFileError {
  return new InputFileError(`Another oathkit process (pid ${pid}) is running this job.`, {
    hint: `Wait for it to finish, or stop it; a stopped run resumes where it left off. If no oathkit process is running, delete ${lockPath}.`,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** A short synchronous wait between attempts (the lock is taken once per run). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
