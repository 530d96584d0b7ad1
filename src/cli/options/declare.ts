/**
One declaration per option: its name, short form, whether it takes a value, the placeholder and
help lines of `--help`, what shell completion may offer, its default, and the parser that turns
the text typed into a value (or says in plain words what is wrong). Parsing (options/parse.ts) and
`--help` (options/help.ts) are derived from these, for every command alike. Nothing here loads
more than this file: `oathkit --help` reads the declarations of every command.
*/

/** What completion offers for a value: these words, or a kind of thing to complete. */
export type ValueHint = readonly string[] | "file" | "dir" | "env" | "host" | "url" | "number";

export type OptionSpec<T> = {
  /** parseArgs' type: a boolean flag, or an option that takes a value. */
  type: "boolean" | "string";
  short?: string;
  /** The option may be given more than once (`--allow-host a --allow-host b`). */
  multiple?: boolean;
  /** The value's placeholder in `--help`: `<n>`, `<path>`, `auto|csv|pskc`. */
  value?: string;
  /** The help text: its first line beside the option, further lines under it. */
  help: readonly string[];
  complete?: ValueHint;
  /** From what parseArgs read (`undefined` when not given); throws OptionValueError. */
  parse: (given: Given, flag: string) => T;
};

/** What node:util parseArgs gives for an option: a flag's true, a value's text, repeated texts. */
export type Given = string | boolean | string[] | undefined;

/** A value the option cannot use: the message names the flag, in plain words. */
export class OptionValueError extends Error {}

type Common = { short?: string; help: string | readonly string[] };
const lines = (help: string | readonly string[]): readonly string[] =>
  typeof help === "string" ? [help] : help;
const fail = (message: string): never => {
  throw new OptionValueError(message);
};

/** A flag: true when given. */
export function flag(o: Common): OptionSpec<boolean> {
  return { type: "boolean", ...o, help: lines(o.help), parse: (given) => given === true };
}

/** Free text; `nonEmpty` refuses an empty or blank value, `pattern` any other, each with its message. */
export function text(
  o: Common & {
    value: string;
    complete?: ValueHint;
    trim?: boolean;
    nonEmpty?: string;
    pattern?: readonly [RegExp, string];
  },
): OptionSpec<string | undefined> {
  return {
    type: "string",
    short: o.short,
    value: o.value,
    help: lines(o.help),
    complete: o.complete,
    parse: (given) => {
      if (given === undefined) return undefined;
      const value = o.trim === true ? (given as string).trim() : (given as string);
      if (o.nonEmpty !== undefined && (given as string).trim() === "") fail(o.nonEmpty);
      if (o.pattern !== undefined && !o.pattern[0].test(value)) fail(o.pattern[1]);
      return value;
    },
  };
}

/** Text given any number of times. */
export function repeated(
  o: Common & { value: string; complete?: ValueHint },
): OptionSpec<string[] | undefined> {
  return {
    type: "string",
    multiple: true,
    short: o.short,
    value: o.value,
    help: lines(o.help),
    complete: o.complete,
    parse: (given) => (given === undefined ? undefined : (given as string[])),
  };
}

/** One of `values`; the message lists them (and what was typed). */
export function choice<const V extends string, D extends V | undefined = undefined>(
  values: readonly V[],
  o: Common & { value?: string; default?: D; message?: string },
): OptionSpec<D extends V ? V : V | undefined> {
  return {
    type: "string",
    short: o.short,
    value: o.value ?? values.join("|"),
    help: lines(o.help),
    complete: values,
    parse: (given, flag) => {
      if (given === undefined) return o.default as D extends V ? V : V | undefined;
      const found = values.find((v) => v === given);
      if (found === undefined)
        fail(
          o.message ?? `${flag} must be one of ${values.join(", ")} (got ${JSON.stringify(given)})`,
        );
      return found as V;
    },
  };
}

type Range = { min: number; max?: number };
function inRange(flag: string, n: number, range: Range): number {
  if (n >= range.min && (range.max === undefined || n <= range.max)) return n;
  return fail(
    range.max === undefined
      ? `${flag} must be ${range.min} or more`
      : `${flag} must be between ${range.min} and ${range.max}`,
  );
}

type NumberOption<D> = Common & Range & { value?: string; default?: D };
type NumberSpec<D> = OptionSpec<D extends number ? number : number | undefined>;

/** A number written as `pattern` allows, in a range; anything else gets `says`. */
function numeric<D extends number | undefined>(
  o: NumberOption<D>,
  pattern: RegExp,
  says: string,
): NumberSpec<D> {
  return {
    type: "string",
    short: o.short,
    value: o.value ?? "<n>",
    help: lines(o.help),
    complete: "number",
    parse: (given, flag) => {
      if (given === undefined) return o.default as D extends number ? number : number | undefined;
      if (!pattern.test(given as string)) fail(`${flag} ${says}`);
      return inRange(flag, Number(given), o);
    },
  };
}

/** A whole number in a range: `1e3`, `0x10`, ` 5` and the empty string are refused, not coerced. */
export function whole<D extends number | undefined = undefined>(o: NumberOption<D>): NumberSpec<D> {
  return numeric(o, /^-?\d+$/u, "takes a whole number");
}

/** A number with an optional fraction (`0.25`), in a range. */
export function decimal<D extends number | undefined = undefined>(
  o: NumberOption<D>,
): NumberSpec<D> {
  return numeric(o, /^-?\d+(?:\.\d+)?$/u, "takes a number, like 0.5");
}

/** A comma-separated list of some of `values`. */
export function listOf<const V extends string>(
  values: readonly V[],
  o: Common & { value: string; default: readonly V[] },
): OptionSpec<V[]> {
  return {
    type: "string",
    short: o.short,
    value: o.value,
    help: lines(o.help),
    complete: values,
    parse: (given, flag) => {
      if (given === undefined) return [...o.default];
      const message = `${flag} takes a list of ${values.join(", ")}, separated by commas`;
      const items = (given as string).split(",").map((k) => k.trim());
      return items.map((item) => values.find((v) => v === item) ?? fail(message));
    },
  };
}

/** A comma-separated list of free words (trimmed, empty entries dropped), at least one. */
export function words(o: Common & { value: string }): OptionSpec<string[] | undefined> {
  return {
    type: "string",
    short: o.short,
    value: o.value,
    help: lines(o.help),
    parse: (given, flag) => {
      if (given === undefined) return undefined;
      const items = (given as string)
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "");
      return items.length > 0 ? items : fail(`${flag} needs at least one entry`);
    },
  };
}

/** Options by long name; a command's options are one or more titled sections of them. */
export type OptionSet = Readonly<Record<string, OptionSpec<unknown>>>;
export type Section = { title: string; options: OptionSet };
export type ValuesOf<S extends OptionSet> = {
  [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never;
};

/** The values of options none of which was given: each one's default. */
export function defaultsOf<S extends OptionSet>(options: S): ValuesOf<S> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(options))
    values[name] = spec.parse(undefined, `--${name}`);
  return values as ValuesOf<S>;
}
