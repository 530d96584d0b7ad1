import type { Command } from "../io.js";
import { runProvisionCommand } from "../provision-command.js";

export const importCommand: Command = {
  name: "import",
  usage: "import <file>",
  summary: "validate → pre-flight → plan → create → assign → activate → verify",
  run: (args, io) => runProvisionCommand("import", args, io),
};
