import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../helpers/e2e.js";
import { testBytes, writePskc } from "../helpers/pskc-writer.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
Issue #15 item 7: the PSKC pre-shared key need not be in the process arguments (readable by every
local user while oathkit runs): it is read from an environment variable or a private file, and
`--psk-hex` warns.
*/

const psk = testBytes("psk-not-in-argv", 16);
const pskHex = psk.toString("hex");

function setUp(): string {
  const dir = tempDir();
  const text = writePskc(
    [{ serial: "70000001", secret: testBytes("argv seed", 20), interval: 30 }],
    { kind: "psk", key: psk },
  );
  writeFileSync(join(dir, "tokens.pskc"), text, { mode: 0o600 });
  writeFileSync(join(dir, "key.txt"), `${pskHex}\n`, { mode: 0o600 });
  writeFileSync(join(dir, "open-key.txt"), `${pskHex}\n`, { mode: 0o644 });
  return dir;
}

const validate = (dir: string, args: string[], env: Record<string, string> = {}) =>
  runCli(["validate", "tokens.pskc", "--manufacturer", "T", "--model", "M", ...args], {
    cwd: dir,
    env,
  });

describe("the PSKC pre-shared key", () => {
  it("is read from --psk-env or a private --psk-file, silently", async () => {
    const dir = setUp();
    const runs = [
      await validate(dir, ["--psk-env", "VENDOR_KEY"], { VENDOR_KEY: pskHex }),
      await validate(dir, ["--psk-file", "key.txt"]),
    ];
    for (const run of runs) {
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(run.stdout).toContain("OK: tokens.pskc: 1 row, 1 valid");
      expect(run.stdout).not.toContain(pskHex);
    }
  });

  it("warns on stderr when given on the command line with --psk-hex", async () => {
    const dir = setUp();
    const run = await validate(dir, ["--psk-hex", pskHex]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "Warning: --psk-hex puts the PSKC key in the process arguments, where other users of this computer can read it; use --psk-env VAR or --psk-file PATH instead.",
    );
  });

  it("refuses a key file others may read, an unset variable, a bad key and two sources", async () => {
    const dir = setUp();
    const runs = {
      open: await validate(dir, ["--psk-file", "open-key.txt"]),
      unset: await validate(dir, ["--psk-env", "NOT_SET"]),
      bad: await validate(dir, ["--psk-env", "K"], { K: `${pskHex}00` }),
      both: await validate(dir, ["--psk-env", "K", "--psk-file", "key.txt"], { K: pskHex }),
    };
    expect(Object.values(runs).map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs.open.stderr).toMatch(/open-key\.txt may be read by group or others.*chmod 600/su);
    expect(runs.unset.stderr).toContain(
      "The environment variable NOT_SET named by --psk-env is not set.",
    );
    expect(runs.bad.stderr).toContain("does not hold 32 hex characters");
    expect(runs.both.stderr).toContain("Give the pre-shared key once");
    for (const run of Object.values(runs)) expect(run.stdout + run.stderr).not.toContain(pskHex);
    const allowed = await validate(dir, [
      "--psk-file",
      "open-key.txt",
      "--allow-insecure-permissions",
    ]);
    expect(allowed.code).toBe(0);
  });
});
