import type { Command } from "../command.js";
import { completionCommand } from "./completion.js";
import { convertCommand } from "./convert.js";
import { emulatorCommand } from "./emulator.js";
import { activateCommand, importCommand } from "./import.js";
import { interactiveCommand } from "./interactive.js";
import { listCommand } from "./list.js";
import { loginCommand } from "./login.js";
import { logoutCommand } from "./logout.js";
import { profilesCommand } from "./profiles.js";
import { whoamiCommand } from "./whoami.js";
import { removeCommand } from "./remove.js";
import { validateCommand } from "./validate.js";

/**
The command table, in the order `oathkit --help` lists it: each entry is light metadata and a
`load()` of its implementation (src/cli/actions/), so only the command that runs is loaded.
*/
export const commands: readonly Command[] = [
  validateCommand,
  importCommand,
  activateCommand,
  listCommand,
  removeCommand,
  convertCommand,
  loginCommand,
  logoutCommand,
  whoamiCommand,
  profilesCommand,
  emulatorCommand,
  completionCommand,
  interactiveCommand,
];
