import type { Command } from "../io.js";
import { convertCommand } from "./convert.js";
import { validateCommand } from "./validate.js";
import { importCommand } from "./import.js";
import { activateCommand } from "./activate.js";

/** The command table. Each command lives in its own file beside this one. */
export const commands: readonly Command[] = [
  validateCommand,
  convertCommand,
  importCommand,
  activateCommand,
];
