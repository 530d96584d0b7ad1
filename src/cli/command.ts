import type { CliIo } from "./io.js";
import type { OptionSet, Section, ValueHint } from "./options/declare.js";
import { helpOption, renderSection } from "./options/help.js";
import type { Parsed } from "./options/parse.js";

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
/** All the options of a command's sections, as one set. */
export type OptionsOf<T extends readonly Section[]> = UnionToIntersection<T[number]["options"]> &
  OptionSet;

/** A parsed command line, with the command's arguments as typed (for the report's command line). */
export type Invocation<S extends OptionSet> = Parsed<S> & { args: readonly string[] };
export type CommandRun<S extends OptionSet> = (call: Invocation<S>, io: CliIo) => Promise<number>;

/**
A command as the table holds it: light metadata — its name, usage, help and option declarations —
and `load()`, which imports its implementation only when it runs. `oathkit --help`, a command's
`--help`, `--version` and a usage error load none of ink, the Graph stack or the readers.
*/
export type Command<S extends OptionSet = OptionSet> = {
  name: string;
  /** The line in `oathkit --help`: `import <file>`. */
  usage: string;
  summary: string;
  /** The top of the command's `--help`: its usage line and what it does. */
  about: string;
  examples: readonly string[];
  sections: readonly Section[];
  options: S;
  /** Whether it takes arguments (files, serials); parseArgs refuses them otherwise. */
  positionals: boolean;
  /** What shell completion offers for its arguments (none when absent: serials, nothing). */
  arguments?: ValueHint;
  /** (A method signature: a command of specific options stands in the table of all commands.) */
  load(): Promise<{ run(call: Invocation<S>, io: CliIo): Promise<number> }>;
};

export function defineCommand<const T extends readonly Section[]>(
  spec: Omit<Command<OptionsOf<T>>, "options" | "sections"> & { sections: T },
): Command<OptionsOf<T>> {
  const options = Object.assign({}, ...spec.sections.map((s) => s.options)) as OptionsOf<T>;
  return { ...spec, options };
}

/** A command's `--help`, derived from its declarations: about, examples, then each section. */
export function commandHelp(command: Command): string {
  const [first, ...rest] = command.sections;
  const sections = first === undefined ? [] : [`${renderSection(first)}\n${helpOption}`];
  return [
    command.about,
    "",
    "Examples:",
    ...command.examples.map((e) => `  ${e}`),
    "",
    ...[...sections, ...rest.map(renderSection)].flatMap((s) => [s, ""]),
  ].join("\n");
}
