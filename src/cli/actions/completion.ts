import { UsageError } from "../../errors.js";
import { printable } from "../../present/printable.js";
import type { CommandRun } from "../command.js";
import { commands } from "../commands/index.js";
import { bashScript } from "../completion/bash.js";
import { fishScript } from "../completion/fish.js";
import { completionModel, shells, type CompletionModel, type Shell } from "../completion/model.js";
import { powershellScript } from "../completion/powershell.js";
import { zshScript } from "../completion/zsh.js";
import { helpPointer } from "../options/parse.js";

const scripts: Record<Shell, (model: CompletionModel) => string> = {
  bash: bashScript,
  zsh: zshScript,
  fish: fishScript,
  powershell: powershellScript,
};

/** `oathkit completion <shell>`: the shell's script, generated from the command table. */
export const run: CommandRun<Record<never, never>> = ({ positionals }, io) => {
  const [shell, ...more] = positionals;
  const known = shells.find((s) => s === shell);
  if (known === undefined || more.length > 0) {
    const got = shell === undefined ? "" : ` (got ${printable(positionals.join(" "))})`;
    throw new UsageError(
      `oathkit completion takes one shell: ${shells.join(", ")}${got}. ${helpPointer("completion")}`,
    );
  }
  io.stdout.write(scripts[known](completionModel(commands)));
  return Promise.resolve(0);
};
