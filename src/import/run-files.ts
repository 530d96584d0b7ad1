import { rm } from "node:fs/promises";
import { notWritten, writeRunFile } from "../job/write-report.js";
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
  const report = await writeRunFile(
    paths.report,
    () => renderReport(outcomes, paths.report, header),
    { replace: paths.replaceReport, journal: paths.journal },
  );
  if (report === null) written.reportPath = paths.report;
  else written.problems.push(report);
  const failed = `The rows to retry could not be written to ${paths.failures}`;
  if (retry.length > 0) {
    // writeRunFile turns any failure into the sentence: nothing to catch here.
    const problem = await writeRunFile(paths.failures, () => renderFailures(layout, retry), {
      replace: true,
      journal: paths.journal,
      failed,
    });
    if (problem === null) written.failuresPath = paths.failures;
    else written.problems.push(problem);
  } else {
    try {
      if (await removed(paths.failures)) written.failuresRemoved = paths.failures;
    } catch (error) {
      written.problems.push(notWritten(failed, error, paths.journal));
    }
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
