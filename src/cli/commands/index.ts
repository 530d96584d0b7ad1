import type { Command } from "../io.js";
import { activateCommand } from "./activate.js";
import { convertCommand } from "./convert.js";
import { emulatorCommand } from "./emulator.js";
import { importCommand } from "./import.js";
import { interactiveCommand } from "./interactive.js";
import { validateCommand } from "./validate.js";

/** The command table. Each command lives in its own file beside this one. */
export const commands: readonly Command[] = [
  validateCommand,
  importCommand,
  activateCommand,
  convertCommand,
  emulatorCommand,
  interactiveCommand,
];
