import type { CommandRun, OptionsOf } from "../command.js";
import type { activateSections } from "../commands/import.js";
import { runProvisionCommand } from "../provision-command.js";

/** `oathkit activate`: the shared import/activate command, as activate. */
export const run: CommandRun<OptionsOf<typeof activateSections>> = (call, io) =>
  runProvisionCommand("activate", call, io);
