import { defineCommand } from "../command.js";
import { flag } from "../options/declare.js";
import { seedFileSection } from "../options/seed-file.js";

export const validateSections = [
  {
    title: "Options",
    options: { json: flag({ help: "print one JSON document instead of the table" }) },
  },
  seedFileSection,
] as const;

export const validateCommand = defineCommand({
  name: "validate",
  usage: "validate <file>",
  summary: "check a seed file offline; nothing leaves the machine",
  about: `Usage: oathkit validate <file> [options]

Check a seed file offline: nothing leaves the machine and no seed is ever printed.
Exit 0 when every row is valid, 1 when some rows are rejected, 2 when the file cannot be used.`,
  examples: [
    "oathkit validate tokens.csv",
    "oathkit validate vendor.txt --format feitian --interval 30 --manufacturer Feitian --model c200",
    "oathkit validate tokens.csv --json > result.json",
  ],
  sections: validateSections,
  positionals: true,
  arguments: "file",
  load: () => import("../actions/validate.js"),
});
