import type { Command } from "../command.js";
import type { ValueHint } from "../options/declare.js";

/**
What every shell's completion script is generated from: the command table's names, summaries,
arguments and option declarations — never a command's implementation (docs/install.md § Shell completion).
*/
export type CompletionOption = {
  /** `--yes`; `short` is `-y` when the option has one. */
  long: string;
  short?: string;
  /** The first line of its help. */
  help: string;
  takesValue: boolean;
  /** Given more than once (`--allow-host a --allow-host b`). */
  multiple: boolean;
  /** What to offer for its value (nothing when absent: an id, a name, free text). */
  complete?: ValueHint;
};

export type CompletionCommand = {
  name: string;
  summary: string;
  /** What to offer for its arguments; `takesArguments` without it: nothing (serials). */
  arguments?: ValueHint;
  takesArguments: boolean;
  options: readonly CompletionOption[];
};

export type CompletionModel = {
  commands: readonly CompletionCommand[];
  /** What `oathkit` takes before a command. */
  topOptions: readonly CompletionOption[];
};

const flagOption = (long: string, help: string, short?: string): CompletionOption => ({
  long,
  ...(short === undefined ? {} : { short }),
  help,
  takesValue: false,
  multiple: false,
});

const help = flagOption("--help", "show this help", "-h");
const debug = flagOption("--debug", "add stack traces to errors");

/** The model of the commands a user types: every one but the guided flow, which has no name. */
export function completionModel(commands: readonly Command[]): CompletionModel {
  const listed = commands.filter((command) => command.name !== "interactive");
  return {
    commands: listed.map((command) => ({
      name: command.name,
      summary: command.summary,
      ...(command.arguments === undefined ? {} : { arguments: command.arguments }),
      takesArguments: command.positionals,
      options: [
        ...Object.entries(command.options).map(([name, spec]) => ({
          long: `--${name}`,
          ...(spec.short === undefined ? {} : { short: `-${spec.short}` }),
          help: spec.help[0] ?? "",
          takesValue: spec.type === "string",
          multiple: spec.multiple === true,
          ...(spec.complete === undefined ? {} : { complete: spec.complete }),
        })),
        help,
        debug,
      ],
    })),
    topOptions: [help, flagOption("--version", "print the version", "-V"), debug],
  };
}

/** The shells `oathkit completion` writes a script for. */
export const shells = ["bash", "zsh", "fish", "powershell"] as const;
export type Shell = (typeof shells)[number];
