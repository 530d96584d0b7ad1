import { UsageError } from "../../errors.js";
import { writePrivateFile } from "../../files/private-file.js";
import type { Issue } from "../../issues/issue.js";
import { entraCsv } from "../../present/entra-csv.js";
import { graphJson } from "../../present/graph-json.js";
import { verdict, writeIssueTable, writeValidationDocument } from "../../present/issue-report.js";
import { printable } from "../../present/printable.js";
import { Scrubber } from "../../secrets/scrubber.js";
import { validateSeedFile, type ValidationResult } from "../../validate/validate-file.js";
import { fromCwd, onePath } from "../args.js";
import type { CommandRun, OptionsOf } from "../command.js";
import { convertTargets, type convertSections } from "../commands/convert.js";
import { toSeedFileOptions } from "../seed-file-options.js";

/** `oathkit convert`: validate, then write every token as the format asked (mode 0600). */
export const run: CommandRun<OptionsOf<typeof convertSections>> = async (
  { values, positionals },
  io,
) => {
  const file = onePath("convert", positionals);
  const to = values.to;
  if (to === undefined)
    throw new UsageError(`--to must be one of ${convertTargets.join(", ")}.`, {
      hint: "Run `oathkit convert --help` for the formats.",
    });
  const out = values.out;
  if (out === undefined || out === "")
    throw new UsageError(
      "convert writes secret keys, so it needs a file: pass --out <path> (or --out - to print them on purpose).",
    );
  if (out === "-" && values.json === true)
    throw new UsageError(
      "--json and --out - both want stdout; write the tokens to a file instead.",
    );
  const options = toSeedFileOptions(values, io);

  const scrubber = new Scrubber();
  const read = await validateSeedFile(
    fromCwd(io, file),
    { ...options, collectTokens: true },
    {
      scrubber,
    },
  );
  const result = { ...read, file };
  if (to === "entra-csv") refuseSha256(result);
  const report = (text: string) =>
    (out === "-" ? io.stderr : io.stdout).write(scrubber.scrub(text));

  const tokens = result.tokens ?? [];
  // A mixed shipment (HOTP among TOTP) may be converted in part, but only when asked to.
  if (result.rejected > 0 && (values["skip-rejected"] !== true || tokens.length === 0)) {
    for (const token of tokens) token.seed.wipe();
    if (values.json === true)
      writeValidationDocument(result, report, { to, out: null, written: 0 });
    else {
      writeIssueTable(result.issues, report);
      report(
        `${verdict(result)}Nothing written: fix the rejected rows and run again${tokens.length === 0 ? "" : ", or pass --skip-rejected to write the valid ones"}.\n`,
      );
    }
    return 1;
  }
  const content = to === "entra-csv" ? entraCsv(tokens) : graphJson(tokens);
  if (out === "-") io.stdout.write(content);
  else await writePrivateFile(fromCwd(io, out), content, { replace: values.force === true });
  for (const token of tokens) token.seed.wipe();
  if (values.json === true)
    writeValidationDocument(result, report, { to, out, written: tokens.length });
  else {
    writeIssueTable(result.issues, report);
    const skipped = result.rejected > 0 ? `; ${result.rejected} rejected row(s) not written` : "";
    report(
      `${verdict(result)}Wrote ${tokens.length} token(s) as ${to} to ${out === "-" ? "stdout" : `${printable(out)} (mode 0600)`}${skipped}.\n`,
    );
  }
  return result.rejected === 0 ? 0 : 1;
};

/** The admin-center CSV takes SHA-1 only: an hmacsha256 token is a rejected row there. */
function refuseSha256(result: ValidationResult): void {
  const tokens = result.tokens ?? [];
  const refused = tokens.filter((t) => t.hashFunction === "hmacsha256");
  if (refused.length === 0) return;
  const issues: Issue[] = refused.map((t) => ({
    line: t.line,
    field: "hashFunction",
    code: "entra-csv-sha256",
    severity: "error",
    message:
      "hmacsha256 token: the admin-center CSV takes SHA-1 only; use --to graph-json (or oathkit import)",
  }));
  result.issues = [...result.issues, ...issues].sort((a, b) => a.line - b.line);
  result.tokens = tokens.filter((t) => t.hashFunction !== "hmacsha256");
  result.rejected += refused.length;
  result.valid -= refused.length;
}
