import type { Command } from "../io.js";
import { emulatorCommand } from "./emulator.js";
import { listCommand } from "./list.js";
import { removeCommand } from "./remove.js";

/** The command table. Each command lives in its own file beside this one. */
export const commands: readonly Command[] = [listCommand, removeCommand, emulatorCommand];
