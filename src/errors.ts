/**
A fatal condition: the run cannot go on. Bad rows are never errors; they are issues (data).
Each class carries the process exit code and a next step for the user. One catch in the CLI entry
turns these into a single sentence; anything else is a bug and is shown as such.
*/
export class OathkitError extends Error {
  /** Process exit code: 2 means nothing was done (README, "Commands"). */
  readonly exitCode: number;
  /** What the user can do next, one sentence. */
  readonly hint: string | undefined;
  /**
  A stable kebab-case name for scripts (`--json` prints it): given, or the class's
  (`InputFileError` → `input-file`).
  */
  readonly code: string;

  constructor(
    message: string,
    options: { exitCode?: number; hint?: string; cause?: unknown; code?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? 2;
    this.hint = options.hint;
    this.code =
      options.code ??
      new.target.name
        .replace(/Error$/u, "")
        .replace(/([a-z])([A-Z])/gu, "$1-$2")
        .toLowerCase();
  }
}

/** Bad command line: unknown command or option, a value out of range. */
export class UsageError extends OathkitError {}

/** The input file cannot be used at all: unreadable, empty, binary, unknown layout, missing column. */
export class InputFileError extends OathkitError {}

/** Sign-in or permission failure, or a refused host. */
export class AuthError extends OathkitError {}

/** The tenant refused the whole operation (policy, host, cloud) before any token was touched. */
export class TenantError extends OathkitError {}

/** The user stopped the run (Ctrl-C, `q`, declined confirmation). */
export class CancelledError extends OathkitError {
  constructor(message = "Cancelled.", hint?: string) {
    super(message, { exitCode: 130, ...(hint === undefined ? {} : { hint }) });
  }
}
