import { mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { OathkitError } from "../errors.js";
import { writePrivateFile } from "../files/private-file.js";
import type { ReportHeader } from "../files/report-header.js";
import { renderFailures } from "../present/failures-file.js";
import { renderReport } from "../present/run-report.js";
import type { RetryRow } from "./run-outcomes.js";
import type { SourceLayout } from "../seed-file/source-layout.js";
import type { TokenOutcome } from "../events/run-summary.js";

export type RunFilePaths = {
  report: string;
  /** Replace an existing report (`--force`); otherwise an existing one is never overwritten. */
  replaceReport: boolean;
  journal: string;
  failures: string;
};

export type RunFilesWritten = {
  reportPath: string | null;
  failuresPath: string | null;
  failuresRemoved: string | null;
  problems: string[];
};

/**
Writes what a run that wrote to the tenant leaves behind (mode 0600): its own report, and the
job's failures file — rewritten with the rows still to retry, or deleted once none is left, so
no file of seeds outlives its use. A file that cannot be written does not undo the run: it is a
problem, reported with the summary (the journal still has every step).
*/
export async function writeRunFiles(
  paths: RunFilePaths,
  layout: SourceLayout,
  outcomes: readonly TokenOutcome[],
  retry: readonly RetryRow[],
  header: ReportHeader,
): Promise<RunFilesWritten> {
  const written: RunFilesWritten = {
    reportPath: null,
    failuresPath: null,
    failuresRemoved: null,
    problems: [],
  };
  const tokensWritten = `the tenant has the changes this run made, and the journal ${paths.journal} has every step`;
  try {
    await mkdir(dirname(paths.report), { recursive: true, mode: 0o700 });
    await writePrivateFile(paths.report, renderReport(outcomes, paths.report, header), {
      replace: paths.replaceReport,
    });
    written.reportPath = paths.report;
  } catch (error) {
    written.problems.push(
      `The report ${paths.report} could not be written (${reason(error)}); ${tokensWritten}.`,
    );
  }
  try {
    if (retry.length > 0) {
      await mkdir(dirname(paths.failures), { recursive: true, mode: 0o700 });
      await writePrivateFile(paths.failures, renderFailures(layout, retry), { replace: true });
      written.failuresPath = paths.failures;
    } else if (await removed(paths.failures)) {
      written.failuresRemoved = paths.failures;
    }
  } catch (error) {
    written.problems.push(
      `The rows to retry could not be written to ${paths.failures} (${reason(error)}); ${tokensWritten}.`,
    );
  }
  return written;
}

async function removed(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** Why a file could not be written, in a few words (never a stack). */
export function reason(error: unknown): string {
  if (error instanceof OathkitError) return error.message.replace(/\.$/u, "");
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === "string" ? code : "unknown error";
}
