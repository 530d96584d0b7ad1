import { UsageError } from "../../errors.js";
import { entraCsv } from "../../convert/entra-csv.js";
import { graphJson } from "../../convert/graph-json.js";
import { writePrivateFile } from "../../files/private-file.js";
import { printable } from "../../printable.js";
import { Scrubber } from "../../secrets/scrubber.js";
import type { Issue } from "../../validate/issue.js";
import { validateSeedFile, type ValidationResult } from "../../validate/validate-file.js";
import { onePath, parseCommandArgs } from "../args.js";
import type { Command } from "../io.js";
import { verdict, writeIssueTable, writeValidationDocument } from "../issue-report.js";
import { seedFileOptionHelp, seedFileOptionSpec, toSeedFileOptions } from "../seed-file-options.js";

const help = `Usage: oathkit convert <file> --to entra-csv|graph-json --out <path> [options]

Validate a seed file and write its tokens, seeds in Base32, as
  entra-csv   the Entra admin-center CSV (upn,serial number,secret key,time interval,
              manufacturer,model); SHA-1 only, so a file with hmacsha256 tokens is refused
              (use graph-json)
  graph-json  the Microsoft Graph bulk-create body ({"@context":"#$delta","value":[...]})
Nothing is written when any row is invalid (exit 1). The output holds secrets: it is created with
mode 0600, never replaces an existing file without --force, and goes to stdout only with --out -.

Examples:
  oathkit convert tokens.csv --to entra-csv --out tokens-entra.csv
  oathkit convert vendor.xml --to graph-json --out bulk-body.json --password-env PSKC_PASSWORD

Options:
  --to entra-csv|graph-json          output format (required)
  --out <path>                       file to create, or - for stdout (required)
  --force                            replace an existing output file
  --json                             print the summary as one JSON document
  -h, --help                         show this help

${seedFileOptionHelp}
`;

const targets = ["entra-csv", "graph-json"] as const;

export const convertCommand: Command = {
  name: "convert",
  usage: "convert <file> --to <fmt>",
  summary: "vendor file → Entra CSV or Graph bulk JSON",
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("convert", args, {
      ...seedFileOptionSpec,
      to: { type: "string" },
      out: { type: "string" },
      force: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help === true) {
      io.stdout.write(help);
      return 0;
    }
    const file = onePath("convert", positionals);
    const to = values.to;
    if (to === undefined || !(targets as readonly string[]).includes(to))
      throw new UsageError(
        `--to must be one of ${targets.join(", ")}${to === undefined ? "" : ` (got ${JSON.stringify(to)})`}.`,
        {
          hint: "Run `oathkit convert --help` for the formats.",
        },
      );
    const out = values.out;
    if (out === undefined || out === "")
      throw new UsageError(
        "convert writes secret keys, so it needs a file: pass --out <path> (or --out - to print them on purpose).",
      );
    if (out === "-" && values.json === true)
      throw new UsageError(
        "--json and --out - both want stdout; write the tokens to a file instead.",
      );
    const options = toSeedFileOptions(values, io, "convert");

    const scrubber = new Scrubber();
    const result = await validateSeedFile(file, { ...options, collectTokens: true }, { scrubber });
    if (to === "entra-csv") refuseSha256(result);
    const report = (text: string) =>
      (out === "-" ? io.stderr : io.stdout).write(scrubber.scrub(text));

    if (result.rejected > 0) {
      if (values.json === true)
        writeValidationDocument(result, report, { to, out: null, written: 0 });
      else {
        writeIssueTable(result.issues, report);
        report(`${verdict(result)}Nothing written: fix the rejected rows and run again.\n`);
      }
      return 1;
    }
    const tokens = result.tokens ?? [];
    const content = to === "entra-csv" ? entraCsv(tokens) : graphJson(tokens);
    if (out === "-") io.stdout.write(content);
    else await writePrivateFile(out, content, { replace: values.force === true });
    for (const token of tokens) token.seed.wipe();
    if (values.json === true)
      writeValidationDocument(result, report, { to, out, written: tokens.length });
    else {
      writeIssueTable(result.issues, report);
      report(
        `${verdict(result)}Wrote ${tokens.length} token(s) as ${to} to ${out === "-" ? "stdout" : `${printable(out)} (mode 0600)`}.\n`,
      );
    }
    return 0;
  },
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
