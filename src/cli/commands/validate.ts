import { printable } from "../../present/printable.js";
import { Scrubber } from "../../secrets/scrubber.js";
import { validateSeedFile } from "../../validate/validate-file.js";
import { onePath, parseCommandArgs } from "../args.js";
import { terminalIo, type Command } from "../io.js";
import { renderValidation } from "../../ui/index.js";
import { verdict, writeIssueTable, writeValidationDocument } from "../../present/issue-report.js";
import { seedFileOptionHelp, seedFileOptionSpec, toSeedFileOptions } from "../seed-file-options.js";

const help = `Usage: oathkit validate <file> [options]

Check a seed file offline: nothing leaves the machine and no seed is ever printed.
Exit 0 when every row is valid, 1 when some rows are rejected, 2 when the file cannot be used.

Examples:
  oathkit validate tokens.csv
  oathkit validate vendor.txt --format feitian --interval 30 --manufacturer Feitian --model c200
  oathkit validate tokens.csv --json > result.json

Options:
  --json                             print one JSON document instead of the table
  -h, --help                         show this help

${seedFileOptionHelp}
`;

export const validateCommand: Command = {
  name: "validate",
  usage: "validate <file>",
  summary: "check a seed file offline; nothing leaves the machine",
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("validate", args, {
      ...seedFileOptionSpec,
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help === true) {
      io.stdout.write(help);
      return 0;
    }
    const file = onePath("validate", positionals);
    const options = toSeedFileOptions(values, io, "validate");
    const scrubber = new Scrubber();
    const result = await validateSeedFile(file, options, { scrubber });
    if (values.json !== true && io.stdout.isTTY === true && io.stdin.isTTY === true) {
      // A terminal: the same validation screen as the guided flow (issues scrollable).
      const { format, seedEncoding, rows, valid, rejected } = result;
      const issues = result.issues.map((i) => ({
        ...i,
        message: printable(scrubber.scrub(i.message)),
      }));
      await renderValidation(
        { file: printable(file), format, seedEncoding, rows, valid, rejected, issues },
        terminalIo(io),
      );
      return result.rejected === 0 ? 0 : 1;
    }
    const write = (text: string) => io.stdout.write(scrubber.scrub(text));
    if (values.json === true) writeValidationDocument(result, write);
    else {
      writeIssueTable(result.issues, write);
      write(verdict(result));
    }
    return result.rejected === 0 ? 0 : 1;
  },
};
