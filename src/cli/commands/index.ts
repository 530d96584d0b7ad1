import type { Command } from "../io.js";
import { convertCommand } from "./convert.js";
import { validateCommand } from "./validate.js";

/** The command table. Each command lives in its own file beside this one. */
export const commands: readonly Command[] = [validateCommand, convertCommand];
