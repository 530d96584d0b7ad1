import { defineCommand } from "../command.js";
import { choice, flag, text } from "../options/declare.js";
import { tenantSection } from "../options/tenant.js";

const nonEmpty = (name: string) => `--${name} must not be empty`;

export const listSections = [
  {
    title: "Options",
    options: {
      status: choice(["available", "assigned", "activated", "failedActivation"], {
        value: "<status>",
        help: "available|assigned|activated|failedActivation",
      }),
      serial: text({
        value: "<serial>",
        trim: true,
        nonEmpty: nonEmpty("serial"),
        help: "one serial number",
      }),
      model: text({ value: "<model>", trim: true, nonEmpty: nonEmpty("model"), help: "one model" }),
      upn: text({
        value: "<upn>",
        trim: true,
        nonEmpty: nonEmpty("upn"),
        help: "tokens held by this user",
      }),
      "by-user": flag({
        help: ["a holder report: each user with their tokens;", "* marks more than one"],
      }),
      json: flag({ help: "print one JSON document (docs/inventory.md)" }),
      csv: text({
        value: "<path>",
        complete: "file",
        help: "write an Excel-safe CSV (UTF-8 with BOM, mode 0600)",
      }),
      force: flag({ help: "replace an existing --csv file" }),
    },
  },
  tenantSection,
] as const;

export const listCommand = defineCommand({
  name: "list",
  usage: "list",
  summary: "tenant inventory: status, holder, model; filters; export",
  about: `Usage: oathkit list [filters] [--json | --csv <path>] [--by-user] [tenant options]

The tenant's hardware OATH token inventory: every page, holders' UPNs, totals by status and model.`,
  examples: [
    "oathkit list --status activated --model C202",
    "oathkit list --by-user --csv holders.csv",
  ],
  sections: listSections,
  positionals: false,
  load: () => import("../actions/list.js"),
});
