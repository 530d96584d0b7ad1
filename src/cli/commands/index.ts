import type { Command } from "../io.js";
import { activateCommand } from "./activate.js";
import { convertCommand } from "./convert.js";
import { emulatorCommand } from "./emulator.js";
import { importCommand } from "./import.js";
import { interactiveCommand } from "./interactive.js";
import { listCommand } from "./list.js";
import { removeCommand } from "./remove.js";
import { validateCommand } from "./validate.js";

/** The command table, in the order `oathkit --help` lists it. Each command has its own file. */
export const commands: readonly Command[] = [
  validateCommand,
  importCommand,
  activateCommand,
  listCommand,
  removeCommand,
  convertCommand,
  emulatorCommand,
  interactiveCommand,
];
