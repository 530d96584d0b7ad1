import type { Command } from "../io.js";
import { runProvisionCommand } from "../provision-command.js";

export const importCommand: Command = {
  name: "import",
  usage: "import <file>",
  summary: "validate, plan, then create, assign, activate",
  run: (args, io) => runProvisionCommand("import", args, io),
};
