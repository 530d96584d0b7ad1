import type { Command } from "../io.js";
import { emulatorCommand } from "./emulator.js";

/** The command table. Each command lives in its own file beside this one. */
export const commands: readonly Command[] = [emulatorCommand];
