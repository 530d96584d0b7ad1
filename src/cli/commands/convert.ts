import { defineCommand } from "../command.js";
import { choice, flag, text } from "../options/declare.js";
import { seedFileSection } from "../options/seed-file.js";

export const convertTargets = ["entra-csv", "graph-json"] as const;

export const convertSections = [
  {
    title: "Options",
    options: {
      to: choice(convertTargets, { help: "output format (required)" }),
      out: text({
        value: "<path>",
        complete: "file",
        help: "file to create, or - for stdout (required)",
      }),
      force: flag({ help: "replace an existing output file" }),
      "skip-rejected": flag({
        help: "write the valid rows if some are rejected (exit 1)",
      }),
      json: flag({ help: "print the summary as one JSON document" }),
    },
  },
  seedFileSection,
] as const;

export const convertCommand = defineCommand({
  name: "convert",
  usage: "convert <file> --to <fmt>",
  summary: "vendor file → Entra CSV or Graph bulk JSON",
  about: `Usage: oathkit convert <file> --to entra-csv|graph-json --out <path> [options]

Validate a seed file and write its tokens, seeds in Base32, as
  entra-csv   the Entra admin-center CSV (upn,serial number,secret key,time interval,
              manufacturer,model); SHA-1 only, so a file with hmacsha256 tokens is refused
              (use graph-json)
  graph-json  the Microsoft Graph bulk-create body ({"@context":"#$delta","value":[...]})
Nothing is written when any row is invalid (exit 1), unless --skip-rejected: then the valid
rows are written, the rejected ones reported, and the exit code is still 1.
The output holds secrets: it is created with mode 0600, never replaces an existing file without
--force, and goes to stdout only with --out -.`,
  examples: [
    "oathkit convert tokens.csv --to entra-csv --out tokens-entra.csv",
    "oathkit convert vendor.xml --to graph-json --out bulk-body.json --password-env PSKC_PASSWORD",
  ],
  sections: convertSections,
  positionals: true,
  arguments: "file",
  load: () => import("../actions/convert.js"),
});
