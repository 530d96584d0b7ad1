import type { CommandRun, OptionsOf } from "../command.js";
import type { importSections } from "../commands/import.js";
import { runProvisionCommand } from "../provision-command.js";

/** `oathkit import`: the shared import/activate command, as import. */
export const run: CommandRun<OptionsOf<typeof importSections>> = (call, io) =>
  runProvisionCommand("import", { ...call, values: { ...call.values, "from-device": false } }, io);
