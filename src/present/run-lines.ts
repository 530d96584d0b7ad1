import type { ProvisionEvent } from "../events/provision-events.js";
import type { Summary } from "../events/run-summary.js";
import { alreadyLeft, outcomeLines, planLines } from "./count-lines.js";
import { failuresNotice } from "./failures-notice.js";
import { seedsRead } from "./issue-report.js";
import { plural } from "./plural.js";
import { printable, printableJson } from "./printable.js";
import { validationIssueLine } from "./rejection-lines.js";
import { targetSentence } from "./run-target-lines.js";
import type { Scrubber } from "../secrets/scrubber.js";

type Writer = { write(text: string): unknown };

/** `--json`: one event per line (NDJSON), the last one `{"type":"summary",…}`. Scrubbed by value. */
export function ndjsonSink(out: Writer, scrubber: Scrubber): (event: ProvisionEvent) => void {
  return (event) => {
    out.write(`${printableJson(scrubber.scrub(JSON.stringify(event)))}\n`);
  };
}

/**
Plain output when stdout is not a terminal: one line per phase, per problem and per warning, and
the summary — no ANSI codes, no spinners, nothing per successful token (the report has those).
*/
export function plainSink(out: Writer, scrubber: Scrubber): (event: ProvisionEvent) => void {
  let throttles = 0;
  /** --mode assign plans no activation: its activate phase only assigns. */
  let activating = true;
  const line = (text: string): void => {
    // Serials, UPNs, file names and server messages come from outside: no control characters.
    out.write(`${printable(scrubber.scrub(text))}\n`);
  };
  return (event) => {
    switch (event.type) {
      case "validated":
        line(
          `Validated ${event.file}: ${plural(event.rows, "row")}, ${event.valid} valid, ${event.rejected} rejected (${event.format}, ${seedsRead(event.format, event.seedEncoding)}).`,
        );
        // Errors and warnings (a file read despite its mode, weak seeds allowed): what the admin
        // accepted is said, as validate says it; notes (inferred hashes) stay in validate.
        for (const i of event.issues.filter((x) => x.severity !== "info"))
          line(`  ${validationIssueLine(i)}`);
        break;
      case "preflight": {
        line(`Writing to ${targetSentence(event.target)}.`);
        const offset = (event.clock.offsetMs / 1000).toFixed(1);
        line(
          `Pre-flight: hardware OATH policy ${event.policyState}; clock offset ${offset} s (codes from ${event.clock.source} time); ${event.alreadyPresent} ${alreadyLeft(event.command)}; ${event.resumed} resumed from the journal.`,
        );
        break;
      }
      case "row-rejected":
        line(`  line ${event.line} serial ${event.serialNumber}: ${event.code}: ${event.message}`);
        break;
      case "plan":
        activating = event.counts.activate > 0;
        line(
          `Plan${event.dryRun ? " (dry run, nothing written)" : ""}: ${planLines(event.counts).join("; ")}.`,
        );
        break;
      case "phase":
        if (event.phase !== "plan" && event.phase !== "preflight" && event.total > 0)
          line(
            `${event.phase === "activate" && !activating ? "Assigning" : phaseTitle[event.phase]} ${event.total} token${event.total === 1 ? "" : "s"}…`,
          );
        break;
      case "throttled":
        throttles += 1;
        if (throttles === 1 || throttles % 25 === 0)
          line(
            `Throttled by Microsoft Graph (${throttles}×); waiting ${(event.retryAfterMs / 1000).toFixed(1)} s as asked.`,
          );
        break;
      case "token-failed":
        line(
          `  serial ${event.serialNumber} failed at ${event.stage}: ${event.code}: ${event.message}`,
        );
        break;
      case "warning":
        line(`Warning: ${event.message}`);
        break;
      case "summary": {
        const s = event.summary;
        const seconds = (s.elapsedMs / 1000).toFixed(1);
        // As the terminal's summary says it: a dry run (no journal) is not "done".
        const head = s.interrupted
          ? `Stopped in ${seconds} s`
          : s.journalPath === null
            ? `Dry run: nothing was written (${seconds} s)`
            : `Done in ${seconds} s`;
        line(`${head}: ${outcomeLines(s.counts).join("; ")}.`);
        if (s.reportPath !== null) line(`Report: ${s.reportPath}`);
        for (const text of failuresNotice(s)) line(text);
        if (s.interrupted) line(resumeAdvice(s));
        break;
      }
      default:
        break;
    }
  };
}

const phaseTitle = {
  validate: "Validating",
  preflight: "Checking the tenant for",
  plan: "Planning",
  create: "Creating",
  activate: "Assigning and activating",
  verify: "Reading back",
  report: "Reporting on",
} as const;

/** What to do after a stop: resume, or (--emulator, a new tenant every run) start over. */
export function resumeAdvice(s: Pick<Summary, "resumable">): string {
  return s.resumable
    ? "Run the same command again to resume where it stopped."
    : "--emulator starts a new tenant every run, so there is nothing to resume: run it again to start over.";
}

/**
The files a run could not write (import's, activate's or remove's), on stderr after its summary:
they change the exit code.
*/
export function reportProblems(
  summary: { problems: readonly string[] },
  stderr: { write(text: string): unknown },
): void {
  for (const problem of summary.problems) stderr.write(`${problem}\n`);
}
