import { parseArgs } from "node:util";
import { UsageError } from "../../errors.js";
import { explainParseError } from "./parse-errors.js";
import { OptionValueError, type Given, type OptionSet, type ValuesOf } from "./declare.js";

/** What a command line parsed to: the values of its declared options, its arguments, `--help`. */
export type Parsed<S extends OptionSet> = {
  values: ValuesOf<S>;
  positionals: string[];
  help: boolean;
};

/**
Parses a command's arguments against its declared options: node:util parseArgs, strict, whose
errors become one line in plain words with a guess for a typo; then each option's own parser, in
declaration order, so a value it cannot use is a UsageError naming the flag (exit 2). With
`--help` (or `-h`) the values are not checked: the help is shown whatever they are.
*/
export function parseOptions<S extends OptionSet>(
  command: string,
  args: readonly string[],
  options: S,
  allowPositionals: boolean,
): Parsed<S> {
  const config: Record<string, { type: "boolean" | "string"; short?: string; multiple?: boolean }> =
    { help: { type: "boolean", short: "h" } };
  for (const [name, spec] of Object.entries(options)) {
    config[name] = {
      type: spec.type,
      ...(spec.short === undefined ? {} : { short: spec.short }),
      ...(spec.multiple === true ? { multiple: true } : {}),
    };
  }
  let raw: { values: Record<string, unknown>; positionals: string[] };
  try {
    raw = parseArgs({
      args: withNegativeValues(args, config),
      options: config,
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    const text = explainParseError(error, command, Object.keys(config), allowPositionals);
    throw new UsageError(`${sentence(text)} ${helpPointer(command)}`);
  }
  const help = raw.values["help"] === true;
  const values: Record<string, unknown> = {};
  if (!help) {
    for (const [name, spec] of Object.entries(options)) {
      try {
        values[name] = spec.parse(raw.values[name] as Given, `--${name}`);
      } catch (error) {
        if (!(error instanceof OptionValueError)) throw error;
        throw new UsageError(`${sentence(error.message)} ${helpPointer(command)}`);
      }
    }
  }
  return { values: values as ValuesOf<S>, positionals: raw.positionals, help };
}

/**
`--clock-skew-sec -20`: parseArgs reads "-20" as an option, so the option "needs a value". A
negative number after an option that takes a value is that value (no option is named by a digit).
*/
function withNegativeValues(
  args: readonly string[],
  config: Record<string, { type: "boolean" | "string" }>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const next = args[i + 1];
    const takesValue = arg.startsWith("--") && config[arg.slice(2)]?.type === "string";
    if (takesValue && next !== undefined && /^-\d+(\.\d+)?$/u.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

export const helpPointer = (command: string): string => `See \`oathkit ${command} --help\`.`;

/** Ends `text` as a sentence: a full stop unless it already ends with one (or a question mark). */
export const sentence = (text: string): string => (/[.?!]$/u.test(text) ? text : `${text}.`);
