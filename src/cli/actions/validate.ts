import { printable } from "../../present/printable.js";
import { verdict, writeIssueTable, writeValidationDocument } from "../../present/issue-report.js";
import { Scrubber } from "../../secrets/scrubber.js";
import { validateSeedFile } from "../../validate/validate-file.js";
import { fromCwd, onePath } from "../args.js";
import type { CommandRun, OptionsOf } from "../command.js";
import type { validateSections } from "../commands/validate.js";
import { chooseFrontEnd } from "../front-end.js";
import { terminalIo } from "../io.js";
import { toSeedFileOptions } from "../seed-file-options.js";

/** `oathkit validate`: the validation screen on a terminal, else the table or the JSON document. */
export const run: CommandRun<OptionsOf<typeof validateSections>> = async (
  { values, positionals },
  io,
) => {
  const file = onePath("validate", positionals);
  const options = toSeedFileOptions(values, io);
  const scrubber = new Scrubber();
  // Read from the command's folder; the documents name the file as typed.
  const result = { ...(await validateSeedFile(fromCwd(io, file), options, { scrubber })), file };
  const frontEnd = chooseFrontEnd(io, { json: values.json });
  if (frontEnd === "screen") {
    // A terminal: the same validation screen as the guided flow (issues scrollable).
    const { format, seedEncoding, rows, valid, rejected } = result;
    const issues = result.issues.map((i) => ({
      ...i,
      message: printable(scrubber.scrub(i.message)),
    }));
    const { renderValidation } = await import("../../ui/render-validation.js");
    await renderValidation(
      { file: printable(file), format, seedEncoding, rows, valid, rejected, issues },
      terminalIo(io),
    );
    return result.rejected === 0 ? 0 : 1;
  }
  const write = (text: string) => io.stdout.write(scrubber.scrub(text));
  if (frontEnd === "json") writeValidationDocument(result, write);
  else {
    writeIssueTable(result.issues, write);
    write(verdict(result));
  }
  return result.rejected === 0 ? 0 : 1;
};
