import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/e2e.js";
import { tempDir } from "../../helpers/temp-dir.js";

/**
Sources the script `oathkit completion bash` prints in a real bash and asks `_oathkit` what it
offers for each command line, as bash would on <TAB>: the words split as bash splits them (at
`=` too), the last one being completed. One bash for all the cases.
*/
async function completions(lines: readonly (readonly string[])[], cwd: string) {
  const script = join(cwd, "oathkit.bash");
  writeFileSync(script, (await runCli(["completion", "bash"], { cwd, env: {} })).stdout);
  const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
  const body = lines.map((words) => `t ${words.map(quote).join(" ")}`).join("\n");
  const program = `source ${quote(script)}
t() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _oathkit; printf '%s\\n' "\${COMPREPLY[*]}"; }
${body}
complete -p oathkit`;
  const ran = spawnSync("bash", ["--norc", "--noprofile", "-c", program], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", OATHKIT_PSK: "x", OATHKIT_PASSWORD: "y" },
  });
  expect(ran.stderr).toBe("");
  const out = ran.stdout.split("\n");
  return { answers: out.slice(0, lines.length), registration: out[lines.length] };
}

describe("the bash completion script, in bash", () => {
  it("completes commands, options and option values", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "seed files"));
    writeFileSync(join(cwd, "seed files", "vendor.csv"), "");
    writeFileSync(join(cwd, "tokens.csv"), "");
    const cases: [string[], string][] = [
      [["oathkit", "imp"], "import"],
      [
        ["oathkit", ""],
        "validate import activate list remove convert login logout whoami profiles emulator completion",
      ],
      [["oathkit", "--"], "--help --version --debug"],
      [["oathkit", "--debug", "val"], "validate"],
      [
        ["oathkit", "import", "--auth", ""],
        "device-code browser azure-cli client-secret certificate env",
      ],
      [["oathkit", "import", "--auth", "=", "cl"], "client-secret"],
      [
        ["oathkit", "list", "--auth", "="],
        "device-code browser azure-cli client-secret certificate env",
      ],
      [["oathkit", "import", "--au"], "--auth --authority-host"],
      [["oathkit", "validate", "--format", ""], "auto csv pskc feitian oath-csv json dualshield"],
      [["oathkit", "convert", "tokens.csv", "--to", ""], "entra-csv graph-json"],
      [["oathkit", "emulator", "--fault-kinds", "l"], "lost"],
      [["oathkit", "completion", "p"], "powershell"],
      [["oathkit", "validate", "tok"], "tokens.csv"],
      [["oathkit", "import", "--yes", "seed"], "seed files"],
      [["oathkit", "emulator", "--cert-dir", ""], "seed files"],
      [["oathkit", "import", "--psk-env", "OATHKIT_P"], "OATHKIT_PASSWORD OATHKIT_PSK"],
      [["oathkit", "import", "--tenant", ""], ""],
      [["oathkit", "remove", "--concurrency", ""], ""],
      [["oathkit", "remove", ""], ""],
      [["oathkit", "list", "--st"], "--status"],
    ];
    const { answers, registration } = await completions(
      cases.map(([words]) => words),
      cwd,
    );
    expect(answers).toEqual(cases.map(([, expected]) => expected));
    expect(registration).toBe("complete -F _oathkit oathkit");
  });
});
