import { describe, expect, it } from "vitest";
import { commandHelp } from "../../src/cli/command.js";
import { commands } from "../../src/cli/commands/index.js";
import { parseOptions } from "../../src/cli/options/parse.js";
import { UsageError } from "../../src/errors.js";

/*
Options are declared once (src/cli/options/, src/cli/commands/): parsing, value checks and --help
are derived from the declarations, for every command alike.
*/
describe("option declarations", () => {
  const listed = commands.filter((c) => c.name !== "interactive");

  it("give every command a --help naming each of its options, in lines of at most 100", () => {
    for (const command of listed) {
      const help = commandHelp(command);
      for (const [name, spec] of Object.entries(command.options)) {
        const short = spec.short === undefined ? "" : `-${spec.short}, `;
        expect(help, `${command.name} --${name}`).toContain(`  ${short}--${name}`);
      }
      expect(help).toContain("  -h, --help");
      const long = help.split("\n").filter((line) => line.length > 100);
      expect(long, command.name).toEqual([]);
    }
  });

  it("carry what shell completion needs: every option that takes a value says what kind", () => {
    for (const command of listed)
      for (const [name, spec] of Object.entries(command.options))
        if (spec.type === "string")
          expect(spec.value ?? spec.complete, `${command.name} --${name}`).toBeDefined();
    const format = listed.find((c) => c.name === "validate")!.options["format"]!;
    expect(format.complete).toEqual([
      "auto",
      "csv",
      "pskc",
      "feitian",
      "oath-csv",
      "json",
      "dualshield",
    ]);
  });

  it("parse to typed values with their defaults, and refuse a bad value naming the flag", () => {
    const remove = listed.find((c) => c.name === "remove")!;
    const parsed = parseOptions("remove", ["X1", "-y"], remove.options, true);
    expect(parsed.values).toMatchObject({ yes: true, concurrency: 4, "dry-run": false });
    expect(parsed.positionals).toEqual(["X1"]);
    expect(() => parseOptions("remove", ["--concurrency", "65"], remove.options, true)).toThrow(
      new UsageError("--concurrency must be between 1 and 64. See `oathkit remove --help`."),
    );
    // --help is answered whatever the values say.
    expect(parseOptions("remove", ["--concurrency", "x", "-h"], remove.options, true).help).toBe(
      true,
    );
  });

  it("take a negative number as an option's value (--clock-skew-sec -20), not as an option", () => {
    const emulator = listed.find((c) => c.name === "emulator")!;
    const parsed = parseOptions("emulator", ["--clock-skew-sec", "-20"], emulator.options, false);
    expect(parsed.values).toMatchObject({ "clock-skew-sec": -20 });
    // A flag followed by a negative number is still refused as before: it takes no value.
    expect(() => parseOptions("emulator", ["--json", "-20"], emulator.options, false)).toThrow(
      UsageError,
    );
  });

  it("offer activate only what it uses: --mode and --chunk-size are import's", () => {
    const activate = listed.find((c) => c.name === "activate")!;
    const help = commandHelp(activate);
    expect(help).not.toMatch(/--mode\b/u);
    expect(help).not.toContain("--chunk-size");
    expect(help).toContain("--map");
    expect(() =>
      parseOptions("activate", ["f.csv", "--mode", "assign"], activate.options, true),
    ).toThrow(UsageError);
    const imported = commandHelp(listed.find((c) => c.name === "import")!);
    expect(imported).toMatch(/Import options:\n {2}--mode /u);
  });
});
