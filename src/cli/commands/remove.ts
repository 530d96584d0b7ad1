import { defineCommand } from "../command.js";
import { flag, text, whole } from "../options/declare.js";
import { tenantSection } from "../options/tenant.js";

export const removeSections = [
  {
    title: "Options",
    options: {
      file: text({
        value: "<path>",
        complete: "file",
        help: [
          "read the serial column of an oathkit report or list export CSV",
          "(never a seed file; like one, it must be private: chmod 600)",
        ],
      }),
      "allow-insecure-permissions": flag({ help: "read a --file that group or others may read" }),
      "unassign-only": flag({ help: "unassign, keep the tokens in the inventory (available)" }),
      "dry-run": flag({ help: "look up and show the plan; write nothing" }),
      yes: flag({
        short: "y",
        help: ["no confirmation prompt (required for writes when not", "on a terminal)"],
      }),
      json: flag({ help: "NDJSON events, ending with a summary line" }),
      concurrency: whole({
        min: 1,
        max: 64,
        default: 4,
        help: "tokens in flight at once (default 4)",
      }),
      report: text({
        value: "<path>",
        complete: "file",
        help: [
          "this run's report, .csv or .json (default: a new",
          "oathkit-runs/remove-<job>/remove-<UTC time>.csv each run)",
        ],
      }),
      force: flag({ help: "replace an existing --report file" }),
      state: text({
        value: "<path>",
        complete: "file",
        help: "journal (default: oathkit-runs/remove-<job>/, one per tenant)",
      }),
    },
  },
  tenantSection,
] as const;

export const removeCommand = defineCommand({
  name: "remove",
  usage: "remove <serial…> | --file <f>",
  summary: "unassign and delete tokens (clean-up, lost tokens)",
  about: `Usage: oathkit remove <serial…> | --file <report CSV> [options] [tenant options]

Unassigns each token from its holder, then deletes it from the inventory. The plan lists every
serial before the question; a serial not in the tenant is reported "not found" (exit 1), unless
this job removed it earlier. Journaled: run the same command again to finish an interrupted job.`,
  examples: [
    "oathkit remove 60234567 60234568                # shows the plan, then asks y/N",
    "oathkit remove --file tokens.csv --unassign-only --dry-run",
    "oathkit remove -- -F3                           # a serial that starts with a dash",
  ],
  sections: removeSections,
  positionals: true,
  load: () => import("../actions/remove.js"),
});
