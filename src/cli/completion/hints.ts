import type { ValueHint } from "../options/declare.js";
import type { CompletionModel } from "./model.js";

/** A word the scripts may hold unquoted: command, option and value names are all of this shape. */
const plain = /^[\w.@:,+-]+$/u;

/** `word`, or an error naming it: a declaration that needs quoting in a shell must not slip in. */
export function plainWord(word: string): string {
  if (!plain.test(word)) throw new Error(`completion: ${JSON.stringify(word)} needs quoting`);
  return word;
}

/** A hint as one word: `file`, `dir`, `env`, `host`, `url`, `number`, or `words:a b c`. */
export function hintKey(hint: ValueHint | undefined): string {
  if (hint === undefined) return "none";
  return typeof hint === "string" ? hint : `words:${hint.map(plainWord).join(" ")}`;
}

/**
Every "command option" pair whose option takes a value, grouped by what its value completes to
(short and long names alike): `{ "words:auto csv pskc": ["validate --format", …] }`.
*/
export function valueHints(model: CompletionModel): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const command of model.commands)
    for (const option of command.options) {
      if (!option.takesValue) continue;
      const key = hintKey(option.complete);
      const names = [option.long, ...(option.short === undefined ? [] : [option.short])];
      const pairs = names.map((name) => `${plainWord(command.name)} ${plainWord(name)}`);
      groups.set(key, [...(groups.get(key) ?? []), ...pairs]);
    }
  return groups;
}

/** The names of an option (`-y --yes`, `--json`). */
export const optionNames = (option: { long: string; short?: string }): string[] => [
  ...(option.short === undefined ? [] : [option.short]),
  option.long,
];
