import { describe, expect, it } from "vitest";
import { join, resolve } from "node:path";
import { msLeftInStep, totpCode } from "../../src/totp.js";
import { tempDir } from "../helpers/temp-dir.js";
import {
  cliJs,
  findSecrets,
  makeTokens,
  members,
  nodeBin,
  runCli,
  secretsOf,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";
import { openTerminal } from "../helpers/tmux.js";

/*
The question before the first write, answered by a person in a real terminal (tmux): yes, no,
and Ctrl-C, for each command that writes. Exit codes as in the README's table.
*/

const path = `${resolve(nodeBin, "..")}:${process.env["PATH"] ?? ""}`;
/** The masked code field holding exactly six characters: Enter sent sooner is typed into it. */
const sixTyped = /Code shown on the token: \*{6}$/mu;

async function tenantWithFile(count: number, prefix: string, latencyMs = 0) {
  const dir = tempDir();
  const users = members(count);
  const emulator = await startTenant(dir, users, { latencyMs });
  const tokens = makeTokens(
    users.map((u) => u.upn),
    prefix,
  ).map((t) => ({ ...t, interval: 30 as const, hash: "hmacsha1" as const }));
  writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
  const { args, env } = tenantArgs(emulator);
  const term = (command: string) =>
    openTerminal(`node ${cliJs} ${command} ${args.join(" ")}`, {
      cwd: dir,
      env: { ...env, PATH: path, HOME: dir },
    });
  return { dir, emulator, tokens, args, env, term };
}

describe("the question before writing, in a terminal", () => {
  it("activate --from-device: y at the question, then the device check takes the codes (exit 0)", async () => {
    const t = await tenantWithFile(2, "Y");
    const assigned = await runCli(
      ["import", "tokens.csv", "--mode", "assign", "--yes", ...t.args],
      { cwd: t.dir, env: t.env },
    );
    expect(assigned.code).toBe(0);
    const term = t.term("activate tokens.csv --from-device");

    await term.waitFor("Go on? [y/N]");
    term.keys("y", "Enter");
    const typed: string[] = [];
    for (const [index, token] of t.tokens.entries()) {
      await term.waitFor(`token ${index + 1} of 2`);
      if (msLeftInStep(Date.now(), 30) < 3_000)
        await new Promise((r) => setTimeout(r, msLeftInStep(Date.now(), 30) + 100));
      const code = totpCode(token.seed, Date.now(), 30, "hmacsha1");
      typed.push(code);
      term.keys(code);
      await term.waitFor(sixTyped);
      term.keys("Enter");
      if (index < t.tokens.length - 1) await term.waitFor(`${token.serial}: the code matches`);
    }
    const end = await term.waitFor(/EXIT=\d+/u, 30_000);
    expect(end).toContain("EXIT=0");
    expect(end).toMatch(/2 activated/u);
    expect(end).not.toContain("unsettled top-level await");
    for (const code of typed) expect(end).not.toContain(code);
    expect(t.emulator.state().devices.map((d) => d.status)).toEqual(["activated", "activated"]);
  }, 90_000);

  it("import: n at the plan writes nothing and exits 2", async () => {
    const t = await tenantWithFile(2, "N");
    const term = t.term("import tokens.csv");
    await term.waitFor("Go on? y/N");
    term.keys("n");
    const end = await term.waitFor(/EXIT=\d+/u);
    expect(end).toContain("EXIT=2");
    expect(end).toContain("Nothing was written: the plan was not confirmed.");
    expect(t.emulator.state().devices).toEqual([]);
  }, 60_000);

  it("import: Ctrl-C at the plan writes nothing and exits 130", async () => {
    const t = await tenantWithFile(2, "C");
    const term = t.term("import tokens.csv");
    await term.waitFor("Go on? y/N");
    term.keys("C-c");
    const end = await term.waitFor(/EXIT=\d+/u);
    expect(end).toContain("EXIT=130");
    expect(end).toContain("Stopped at the question; nothing was written.");
    expect(t.emulator.state().devices).toEqual([]);
    expect(findSecrets({ screen: end }, secretsOf(t.tokens))).toEqual([]);
  }, 60_000);

  it("import: Ctrl-C during the run stops it after the requests in flight (exit 130)", async () => {
    const t = await tenantWithFile(5, "S", 200);
    const term = t.term("import tokens.csv --concurrency 1 --chunk-size 1");
    await term.waitFor("Go on? y/N");
    term.keys("y");
    await term.waitFor(/Last: S0000\d/u); // the progress screen, mid-run
    term.keys("C-c");
    const end = await term.waitFor(/EXIT=\d+/u, 30_000);
    expect(end).toContain("EXIT=130");
    expect(t.emulator.state().devices.length).toBeLessThan(5);
  }, 60_000);

  it("import | tee: stdin is a terminal, stdout is not; without --yes nothing is written (exit 2)", async () => {
    const t = await tenantWithFile(2, "T");
    const term = openTerminal(
      `bash -o pipefail -c 'node ${cliJs} import tokens.csv ${t.args.join(" ")} | tee out.txt'`,
      { cwd: t.dir, env: { ...t.env, PATH: path, HOME: t.dir }, width: 160 },
    );
    const end = await term.waitFor(/EXIT=\d+/u);
    expect(end).toContain("EXIT=2");
    expect(end).toContain("pass --yes to confirm off a terminal");
    expect(t.emulator.state().devices).toEqual([]);
  }, 60_000);

  it("activate --from-device: n at the question exits 2, Ctrl-C exits 130; nothing activated", async () => {
    const t = await tenantWithFile(1, "Q");
    const assigned = await runCli(
      ["import", "tokens.csv", "--mode", "assign", "--yes", ...t.args],
      { cwd: t.dir, env: t.env },
    );
    expect(assigned.code).toBe(0);
    const no = t.term("activate tokens.csv --from-device");
    await no.waitFor("Go on? [y/N]");
    no.keys("n", "Enter");
    expect(await no.waitFor(/EXIT=\d+/u)).toContain("EXIT=2");
    const stop = t.term("activate tokens.csv --from-device");
    await stop.waitFor("Go on? [y/N]");
    stop.keys("C-c");
    expect(await stop.waitFor(/EXIT=\d+/u)).toContain("EXIT=130");
    expect(t.emulator.state().devices.map((d) => d.status)).toEqual(["assigned"]);
  }, 60_000);

  it("remove: the plan lists the serials before the question; n exits 2, Ctrl-C 130, y removes (exit 0)", async () => {
    const t = await tenantWithFile(2, "M");
    expect(
      (await runCli(["import", "tokens.csv", "--yes", ...t.args], { cwd: t.dir, env: t.env })).code,
    ).toBe(0);
    const [first, second] = t.tokens.map((x) => x.serial);
    const command = `remove ${first} ${second}`;
    const no = t.term(command);
    const question = await no.waitFor("Unassign 2 and delete 2 tokens? [y/N]");
    expect(question).toMatch(
      new RegExp(`${first!} +unassign from user1@contoso.example, then delete`, "u"),
    );
    expect(question).toMatch(
      new RegExp(`${second!} +unassign from user2@contoso.example, then delete`, "u"),
    );
    no.keys("n", "Enter");
    expect(await no.waitFor(/EXIT=\d+/u)).toContain("EXIT=2");
    const stop = t.term(command);
    await stop.waitFor("[y/N]");
    stop.keys("C-c");
    expect(await stop.waitFor(/EXIT=\d+/u)).toContain("EXIT=130");
    expect(t.emulator.state().devices).toHaveLength(2);
    const yes = t.term(command);
    await yes.waitFor("[y/N]");
    yes.keys("y", "Enter");
    const end = await yes.waitFor(/EXIT=\d+/u);
    expect(end).toContain("EXIT=0");
    expect(t.emulator.state().devices).toEqual([]);
  }, 60_000);
});
