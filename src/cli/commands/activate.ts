import type { Command } from "../io.js";
import { runProvisionCommand } from "../provision-command.js";

export const activateCommand: Command = {
  name: "activate",
  usage: "activate <file>",
  summary: "activate tokens already in the tenant",
  run: (args, io) => runProvisionCommand("activate", args, io),
};
