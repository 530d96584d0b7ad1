import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
} from "node:fs";
import { InputFileError } from "../errors.js";

/**
The job files oathkit keeps between runs (the journal and its lock) are opened without following
a link at their path: a symbolic link planted there would otherwise make oathkit read, or append
to, whatever it points at. Where the platform has no O_NOFOLLOW, the path is checked with lstat
first (best effort). Such a file must be a regular file with one name, and ends up mode 0600.
*/
const noFollow = constants.O_NOFOLLOW ?? 0;

/** Text of a job file, or null when there is none. */
export function readJobFile(path: string, what: string): string | null {
  const fd = openJobFile(path, constants.O_RDONLY, what);
  if (fd === null) return null;
  try {
    checkRegular(fd, path, what);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/** Opens (creating it 0600 if needed) a job file for reading and appending. */
export function appendJobFile(path: string, what: string): number {
  const flags = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT;
  const fd = openJobFile(path, flags, what);
  if (fd === null) throw new InputFileError(`${path} cannot be opened.`);
  try {
    checkRegular(fd, path, what);
    if ((fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, 0o600);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function openJobFile(path: string, flags: number, what: string): number | null {
  if (noFollow === 0) refuseLink(path, what);
  try {
    return openSync(path, flags | noFollow, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && (flags & constants.O_CREAT) === 0) return null;
    // Linux and macOS answer ELOOP for a link under O_NOFOLLOW; FreeBSD answers EMLINK.
    if (code === "ELOOP" || code === "EMLINK") throw linkError(path, what);
    throw new InputFileError(`The ${what} ${path} cannot be opened (${code ?? "error"}).`, {
      hint: "Check the folder's permissions, or pass another --state path; nothing was written.",
      cause: error,
    });
  }
}

function refuseLink(path: string, what: string): void {
  try {
    if (lstatSync(path).isSymbolicLink()) throw linkError(path, what);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function checkRegular(fd: number, path: string, what: string): void {
  const stat = fstatSync(fd);
  if (!stat.isFile() || stat.nlink > 1) {
    throw new InputFileError(
      `The ${what} ${path} is not a plain file of its own (${stat.isFile() ? "it has other names: a hard link" : "not a regular file"}).`,
      { hint: "Move it aside, or pass another --state path; nothing was written." },
    );
  }
}

function linkError(path: string, what: string): InputFileError {
  return new InputFileError(
    `The ${what} ${path} is a symbolic link; oathkit does not follow links for its job files.`,
    { hint: "Remove the link, or pass another --state path; nothing was written." },
  );
}
