import { defineCommand } from "../command.js";
import { fromDeviceSection, importSection, runSection } from "../options/run.js";
import { seedFileSection } from "../options/seed-file.js";
import { tenantSection } from "../options/tenant.js";

export const importSections = [importSection, runSection, tenantSection, seedFileSection] as const;

const writeRule = `Nothing is written before the plan is shown and confirmed: on a terminal you answer y; off a
terminal (a pipe, a script, --json) pass --yes, or nothing is written and the exit code is 2.
--dry-run shows the plan and needs no --yes. Run the same command again to resume an
interrupted job. Exit 0 when every token is done, 1 when some rows were rejected or tokens
failed or were skipped, 2 when nothing was done, 130 when stopped with Ctrl-C.`;

export const importCommand = defineCommand({
  name: "import",
  usage: "import <file>",
  summary: "validate, plan, then create, assign, activate",
  about: `Usage: oathkit import <file> [options]

Validate, then create, assign and activate the file's tokens in Entra ID.
${writeRule}`,
  examples: [
    "oathkit import tokens.csv --emulator                # try it against a local emulator",
    "oathkit import tokens.csv --tenant contoso.onmicrosoft.com --client-id <app id>",
    "oathkit import tokens.csv --mode assign --dry-run   # the plan only; nothing is written",
    "oathkit import tokens.csv --yes --json | tee run.ndjson   # off a terminal: --yes",
  ],
  sections: importSections,
  positionals: true,
  arguments: "file",
  load: () => import("../actions/import.js"),
});

export const activateSections = [
  runSection,
  fromDeviceSection,
  tenantSection,
  seedFileSection,
] as const;

export const activateCommand = defineCommand({
  name: "activate",
  usage: "activate <file>",
  summary: "activate tokens already in the tenant",
  about: `Usage: oathkit activate <file> [options]

Activate tokens already in the tenant: assign them if needed and send their current code.
${writeRule}`,
  examples: [
    "oathkit activate tokens.csv --tenant contoso.onmicrosoft.com --client-id <app id>",
    "oathkit activate tokens.csv --from-device           # type the code shown on each token",
  ],
  sections: activateSections,
  positionals: true,
  arguments: "file",
  load: () => import("../actions/activate.js"),
});
