import { readFileSync } from "node:fs";
import { PassThrough, Writable } from "node:stream";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli as runInProcess } from "../../src/cli/main.js";
import { tempDir } from "../helpers/temp-dir.js";
import {
  makeTokens,
  members,
  ndjson,
  runChild,
  spawnCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";

/*
One test per row of the README's exit-code table, for the commands (the guided flow's rows are in
test/ui). Terminal paths (a no or Ctrl-C at the question) are in confirm-terminal.test.ts; here
the piped ones, as a script sees them.
*/

const root = resolve(import.meta.dirname, "../..");
const samples = join(root, "samples");

function readmeExitCodes(): number[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const table = readme.split("## Exit codes")[1]!.split("\n## ")[0]!;
  return [...table.matchAll(/^\| (\d+) \|/gmu)].map((m) => Number(m[1]));
}

/** Runs until the first NDJSON line of `type`, then sends SIGINT; returns the exit and the events. */
async function interruptAt(args: string[], type: string, cwd: string, env: Record<string, string>) {
  const child = spawnCli(args, { cwd, env });
  let stdout = "";
  let sent = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!sent && stdout.includes(`"type":"${type}"`)) {
      sent = true;
      child.kill("SIGINT");
    }
  });
  const code = await new Promise<number | null>((done) => child.on("close", done));
  return { code, events: ndjson(stdout), sent };
}

describe("the README's exit-code table", () => {
  it("has exactly the rows tested here: 0, 1, 2, 130, 70", () => {
    expect(readmeExitCodes()).toEqual([0, 1, 2, 130, 70]);
  });

  it("0: everything asked for succeeded (a clean validate; a dry run with a clean plan)", async () => {
    const cwd = tempDir();
    expect((await runChild(["validate", join(samples, "token2.csv")], { cwd })).code).toBe(0);
    const dry = await runChild(["import", join(samples, "token2.csv"), "--emulator", "--dry-run"], {
      cwd,
    });
    expect(dry.code).toBe(0);
  }, 60_000);

  it("1: finished, not everything (rejected rows; a serial the tenant never had)", async () => {
    const cwd = tempDir();
    expect((await runChild(["validate", join(samples, "broken.csv")], { cwd })).code).toBe(1);
    const remove = await runChild(["remove", "NO-SUCH-SERIAL", "--emulator", "--yes"], { cwd });
    expect(remove.code).toBe(1);
    expect(remove.stdout).toContain("NO-SUCH-SERIAL  NOT FOUND in the tenant");
  }, 60_000);

  it("2: nothing was done (bad usage; a write off a terminal without --yes)", async () => {
    const cwd = tempDir();
    const usage = await runChild(["list", "--emulator", "--jsn"], { cwd });
    expect(usage.code).toBe(2);
    const piped = await runChild(["import", join(samples, "token2.csv"), "--emulator"], { cwd });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/^Nothing was written: pass --yes to confirm off a terminal\./mu);
  }, 60_000);

  it("130: Ctrl-C during a run stops it after the requests in flight (import and remove)", async () => {
    const dir = tempDir();
    const users = members(4);
    const emulator = await startTenant(dir, users, { latencyMs: 150 });
    const tokens = makeTokens(
      users.flatMap((u) => [u.upn, u.upn]),
      "I",
    );
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const { args, env } = tenantArgs(emulator);
    const common = ["--yes", "--json", "--concurrency", "1", ...args];

    const imported = await interruptAt(
      ["import", "tokens.csv", "--chunk-size", "1", ...common],
      "token",
      dir,
      env,
    );
    expect(imported.sent).toBe(true);
    expect(imported.code).toBe(130);
    expect(imported.events.at(-1)).toMatchObject({
      type: "summary",
      summary: { interrupted: true },
    });
    const created = emulator.state().devices.length;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(tokens.length);

    // remove: six tokens nobody holds, one at a time; stopped after the first is deleted.
    const spare = makeTokens(Array<null>(6).fill(null), "R");
    writeSeedCsv(join(dir, "spare.csv"), spare, "base32");
    const stocked = await runChild(["import", "spare.csv", "--mode", "inventory", ...common], {
      cwd: dir,
      env,
    });
    expect(stocked.code).toBe(0);
    const serials = spare.map((t) => t.serial);
    const removed = await interruptAt(["remove", ...serials, ...common], "token", dir, env);
    expect(removed.sent).toBe(true);
    expect(removed.code).toBe(130);
    expect(removed.events.at(-1)).toMatchObject({
      type: "summary",
      summary: { interrupted: true },
    });
    const left = emulator.state().devices.filter((d) => serials.includes(d.serialNumber));
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(6);
  }, 90_000);

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
