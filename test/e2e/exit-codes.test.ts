import { readFileSync } from "node:fs";
import { PassThrough, Writable } from "node:stream";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli as runInProcess } from "../../src/cli/main.js";
import { tempDir } from "../helpers/temp-dir.js";
import { runChild } from "../helpers/e2e.js";

/*
The README's exit-code table, row by row, for what person-matrix.test.ts does not run: every
command that writes, answered y or n, stopped with Ctrl-C at the question or mid-run, piped with
and without --yes (0, 2 and 130 for each), is a cell there. Here: a clean validate (0), rejected
rows and a serial the tenant never had (1), bad usage (2), an internal error (70).
*/

const root = resolve(import.meta.dirname, "../..");
const samples = join(root, "samples");

function readmeExitCodes(): number[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const table = readme.split("## Exit codes")[1]!.split("\n## ")[0]!;
  return [...table.matchAll(/^\| (\d+) \|/gmu)].map((m) => Number(m[1]));
}

describe("the README's exit-code table", () => {
  it("has exactly the rows tested here and in person-matrix: 0, 1, 2, 130, 70", () => {
    expect(readmeExitCodes()).toEqual([0, 1, 2, 130, 70]);
  });

  it("0: everything asked for succeeded (a clean validate)", async () => {
    const cwd = tempDir();
    expect((await runChild(["validate", join(samples, "token2.csv")], { cwd })).code).toBe(0);
  });

  it("1: finished, not everything (rejected rows; a serial the tenant never had)", async () => {
    const cwd = tempDir();
    expect((await runChild(["validate", join(samples, "broken.csv")], { cwd })).code).toBe(1);
    const remove = await runChild(["remove", "NO-SUCH-SERIAL", "--emulator", "--yes"], { cwd });
    expect(remove.code).toBe(1);
    expect(remove.stdout).toContain("NO-SUCH-SERIAL  NOT FOUND in the tenant");
  }, 60_000);

  it("2: nothing was done (bad usage)", async () => {
    const cwd = tempDir();
    const usage = await runChild(["list", "--emulator", "--jsn"], { cwd });
    expect(usage.code).toBe(2);
  });

  it("70: an internal error is a bug, said so, with the stack only under --debug", async () => {
    const broken = new Writable({
      write: (_chunk, _encoding, done) => done(new TypeError("stdout went away")),
    });
    broken.write = () => {
      throw new TypeError("stdout went away");
    };
    let stderr = "";
    const io = {
      stdout: broken,
      stderr: new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          stderr += chunk.toString();
          done();
        },
      }),
      stdin: new PassThrough(),
      env: {},
      cwd: tempDir(),
    };
    const file = join(samples, "token2.csv");
    expect(await runInProcess(["validate", file], io)).toBe(70);
    expect(stderr).toBe(
      "oathkit stopped on an internal error; this is a bug. Re-run with --debug and report it.\n",
    );
    stderr = "";
    expect(await runInProcess(["validate", file, "--debug"], io)).toBe(70);
    expect(stderr).toMatch(/^TypeError: stdout went away\n\s+at /mu);
  });
});
