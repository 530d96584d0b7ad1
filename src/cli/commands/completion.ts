import { shells } from "../completion/model.js";
import { defineCommand } from "../command.js";

export const completionCommand = defineCommand({
  name: "completion",
  usage: "completion <shell>",
  summary: "print a completion script: bash, zsh, fish or powershell",
  about: `Usage: oathkit completion bash|zsh|fish|powershell

Print a script that completes oathkit's commands, options and option values (auth modes,
formats, files) in that shell. Load it once per session, or from the shell's start-up file:
  bash        source <(oathkit completion bash)            (in ~/.bashrc)
  zsh         source <(oathkit completion zsh)             (in ~/.zshrc, after compinit)
  fish        oathkit completion fish | source             (in ~/.config/fish/config.fish)
  powershell  oathkit completion powershell | Out-String | Invoke-Expression   (in $PROFILE)`,
  examples: [
    "oathkit completion bash > ~/.local/share/bash-completion/completions/oathkit",
    "oathkit completion fish > ~/.config/fish/completions/oathkit.fish",
  ],
  sections: [{ title: "Options", options: {} }],
  positionals: true,
  arguments: shells,
  load: () => import("../actions/completion.js"),
});
