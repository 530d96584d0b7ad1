import { describe, expect, it } from "vitest";
import { commands } from "../../../src/cli/commands/index.js";
import { hintKey } from "../../../src/cli/completion/hints.js";
import { shSingleQuoted } from "../../../src/present/shell-quote.js";
import { completionModel, shells } from "../../../src/cli/completion/model.js";
import { runCli } from "../../helpers/e2e.js";

const model = completionModel(commands);
const script = async (shell: string) => {
  const result = await runCli(["completion", shell], { cwd: process.cwd(), env: {} });
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return result.stdout;
};
/** The part of `text` from the line `start` to the first line `end` after it. */
function block(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  expect(from, start).toBeGreaterThan(-1);
  return text.slice(from, text.indexOf(end, from + start.length));
}

describe("oathkit completion <shell>: generated from the command table", () => {
  it("models every command a user types with all its declared options, and no hidden one", () => {
    const names = commands.filter((c) => c.name !== "interactive").map((c) => c.name);
    expect(model.commands.map((c) => c.name)).toEqual(names);
    expect(names).toContain("completion");
    for (const command of model.commands) {
      const declared = commands.find((c) => c.name === command.name)?.options ?? {};
      const longs = command.options.map((o) => o.long);
      expect(longs).toEqual([...Object.keys(declared).map((n) => `--${n}`), "--help", "--debug"]);
    }
    const auth = model.commands
      .find((c) => c.name === "import")
      ?.options.find((o) => o.long === "--auth");
    expect(auth?.complete).toEqual([
      "device-code",
      "browser",
      "azure-cli",
      "client-secret",
      "certificate",
      "env",
    ]);
  });

  it("bash: every command's options, and every value option's completion", async () => {
    const text = await script("bash");
    for (const command of model.commands) {
      const arm = block(block(text, "_oathkit_options() {", "\n}"), `    ${command.name}) `, "\n");
      for (const option of command.options) {
        expect(arm.split(/[ "]/u), `${command.name} ${option.long}`).toContain(option.long);
        if (option.short !== undefined) expect(arm.split(/[ "]/u)).toContain(option.short);
        if (!option.takesValue) continue;
        const line = text.split("\n").find((l) => l.includes(`"${command.name} ${option.long}"`));
        expect(line, `${command.name} ${option.long}`).toContain(
          `echo "${hintKey(option.complete)}"`,
        );
      }
    }
  });

  it("zsh: every command's _arguments holds each option with its values' action", async () => {
    const text = await script("zsh");
    expect(text.startsWith("#compdef oathkit\n")).toBe(true);
    for (const command of model.commands) {
      expect(text).toContain(shSingleQuoted(`${command.name}:${command.summary}`));
      const arm = block(text, `        ${command.name})\n`, ";;");
      for (const option of command.options) {
        const spec = option.takesValue ? `${option.long}=[` : `${option.long}[`;
        const hasSpec = [`'${spec}`, `'*${spec}`, `,${option.long}}'`].some((s) => arm.includes(s));
        expect(hasSpec, `${command.name} ${option.long}`).toBe(true);
        if (Array.isArray(option.complete))
          expect(arm).toContain(`:(${(option.complete as string[]).join(" ")})'`);
      }
    }
    expect(text).toContain(
      `'--emulator-users=[users for --emulator (default: the samples'\\'' users file)]`,
    );
  });

  it("fish: a complete line per command option, with -x and the words, or -r -F for files", async () => {
    const lines = (await script("fish")).split("\n");
    for (const command of model.commands) {
      const mine = lines.filter((l) => l.includes(`'__fish_seen_subcommand_from ${command.name}'`));
      for (const option of command.options) {
        const line = mine.find((l) => l.includes(` -l ${option.long.slice(2)} `));
        expect(line, `${command.name} ${option.long}`).toBeDefined();
        if (Array.isArray(option.complete))
          expect(line).toContain(`-x -a '${(option.complete as string[]).join(" ")}'`);
        if (option.complete === "file") expect(line).toContain("-r -F");
      }
    }
  });

  it("powershell: every command's entry lists each option with its values' hint", async () => {
    const text = await script("powershell");
    expect(text).toContain(
      "Register-ArgumentCompleter -Native -CommandName 'oathkit', 'oathkit.exe'",
    );
    for (const command of model.commands) {
      const entry = block(text, `    '${command.name}' = @{`, "\n    }");
      for (const option of command.options) {
        const hint = option.takesValue ? hintKey(option.complete) : "";
        expect(entry, `${command.name} ${option.long}`).toContain(
          `'${option.long}' = @('${hint}', `,
        );
      }
    }
  });

  it("quotes help texts for each shell; a line never leaves a quote open", async () => {
    const unquoted = {
      bash: (l: string) => l.replaceAll(`'\\''`, ""),
      zsh: (l: string) => l.replaceAll(`'\\''`, ""),
      fish: (l: string) => l.replaceAll(/\\[\\']/gu, ""),
      powershell: (l: string) => l.replaceAll("''", ""),
    };
    for (const shell of shells)
      for (const line of (await script(shell)).split("\n"))
        if (!line.trimStart().startsWith("#"))
          expect((unquoted[shell](line).match(/'/gu) ?? []).length % 2, `${shell}: ${line}`).toBe(
            0,
          );
  });

  it("a missing or unknown shell is a usage error naming the four (exit 2)", async () => {
    for (const args of [["completion"], ["completion", "tcsh"], ["completion", "bash", "zsh"]]) {
      const result = await runCli(args, { cwd: process.cwd(), env: {} });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        /^oathkit completion takes one shell: bash, zsh, fish, powershell/u,
      );
    }
  });
});
