import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import { msLeftInStep, totpCode } from "../../src/totp.js";
import {
  runCli,
  cliJs,
  findSecrets,
  makeTokens,
  members,
  nodeBin,
  secretsOf,
  startTenant,
  tenantArgs,
  writeSeedCsv,
  latestReport,
  filesUnder,
} from "../helpers/e2e.js";
import { openTerminal } from "../helpers/tmux.js";

const samples = resolve(import.meta.dirname, "../../samples");
/** The masked code field holding exactly six characters: Enter sent sooner is typed into it. */
const sixTyped = /Code shown on the token: \*{6}$/mu;
const path = `${resolve(nodeBin, "..")}:${process.env["PATH"] ?? ""}`;

/*
Screens of the terminal UI in a real terminal: the device check's input and verdicts, validate's
screens. The plan's question answered y or n, Ctrl-C at it and mid-run, for every command that
writes and the guided flow, are the cells of person-matrix.test.ts.
*/
describe("the terminal UI in a real terminal (tmux, 80×24)", () => {
  it("checks codes typed off each device, reports drift, and activates with the device's code", async () => {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users);
    const tokens = makeTokens(
      users.map((u) => u.upn),
      "D",
    ).map((t) => ({ ...t, interval: 30 as const, hash: "hmacsha1" as const }));
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const { args, env } = tenantArgs(emulator);
    const assigned = await runCli(["import", "tokens.csv", "--mode", "assign", "--yes", ...args], {
      cwd: dir,
      env,
    });
    expect(assigned.code).toBe(0);
    const term = openTerminal(
      `node ${cliJs} activate tokens.csv --from-device --yes ${args.join(" ")}`,
      { cwd: dir, env: { ...env, PATH: path, HOME: dir } },
    );

    // The first device runs one step (30 s) fast; the second shows a code of another seed.
    await term.waitFor("token 1 of 2");
    // Not in the last seconds of a step, so the device's step is still +1 when the code is checked.
    if (msLeftInStep(Date.now(), 30) < 3_000)
      await new Promise((r) => setTimeout(r, msLeftInStep(Date.now(), 30) + 100));
    // The wrong code is no run of digits the screen shows anyway (the emulator's tenant id, now
    // named in the pre-flight, is 00000000-…): the scan below is for the typed codes only.
    const typed = [totpCode(tokens[0]!.seed, Date.now() + 30_000, 30, "hmacsha1"), "918273"];
    term.keys(typed[0]!);
    await term.waitFor(sixTyped);
    term.keys("Enter");
    await term.waitFor(/matches, drift \+1 step \(\+30 s\)/u);
    await term.waitFor("token 2 of 2");
    // A letter is refused as typed; five digits are not checked (no attempt is spent on them).
    term.keys("a");
    await term.waitFor(/Code shown on the token: +digits only/u);
    term.keys(typed[1]!.slice(0, 5), "Enter");
    await term.waitFor(/Code shown on the token: \*{5} +6 digits needed/u);
    expect(term.screen()).not.toContain("does not match");
    term.keys(typed[1]!.slice(5));
    await term.waitFor(sixTyped);
    term.keys("Enter");
    await term.waitFor("does not match this seed");
    term.keys("Tab");
    const end = await term.waitFor(/EXIT=1/u, 30_000);
    expect(end).toMatch(/1 activated/u);
    for (const code of typed) expect(end).not.toContain(code);
    // The drift measured at the device check is in the report; none for the skipped token.
    const { text: report, table } = latestReport(dir, "activate");
    const [header, ...rows] = table;
    const drift = header!.indexOf("driftSeconds");
    expect(drift).toBeGreaterThan(0);
    expect(rows.map((row) => row[drift])).toEqual(["30", ""]);
    // A token skipped with Tab was left on purpose: not attempted (a later run does it), not a
    // failure, so no failures file with its seed is written.
    const state = header!.indexOf("state");
    expect(rows.map((row) => row[state])).toEqual(["activated", "not-attempted"]);
    expect(end.replaceAll("\n", "")).toMatch(/0 failed, 1 not attempted/u);
    expect(Object.keys(filesUnder(dir)).filter((f) => f.includes("failures"))).toEqual([]);
    expect(findSecrets({ report }, secretsOf(tokens))).toEqual([]);
    expect(
      emulator
        .state()
        .devices.map((d) => [d.serialNumber, d.status])
        .sort(),
    ).toEqual([
      [tokens[0]!.serial, "activated"],
      [tokens[1]!.serial, "assigned"],
    ]);
  }, 60_000);

  it("shows validate on a terminal: the validation screen, scrollable when the issues do not fit", async () => {
    const good = openTerminal(`node ${cliJs} validate ${join(samples, "token2.csv")}`, {
      cwd: samples,
      env: { PATH: path },
    });
    const shown = await good.waitFor("EXIT=0");
    expect(shown).toMatch(/Rows 8 · Valid 8 · Rejected 0/u);

    const broken = openTerminal(`node ${cliJs} validate ${join(samples, "broken.csv")}`, {
      cwd: samples,
      env: { PATH: path },
    });
    await broken.waitFor("q, Esc or Enter leave");
    expect(broken.screen()).toMatch(/Rows 20 · Valid 3 · Rejected 17/u);
    expect(broken.screen()).not.toContain("malformed-quotes");
    broken.keys("End");
    await broken.waitFor("malformed-quotes");
    broken.keys("q");
    await broken.waitFor("EXIT=1");

    // Ctrl-C on the scrollable screen is a stop, as everywhere: 130, not the file's verdict.
    const stopped = openTerminal(`node ${cliJs} validate ${join(samples, "broken.csv")}`, {
      cwd: samples,
      env: { PATH: path },
    });
    await stopped.waitFor("q, Esc or Enter leave");
    stopped.keys("C-c");
    await stopped.waitFor("EXIT=130");
  }, 60_000);

  it("keeps validate readable at 60×20: nothing cut or wider than the screen, title and verdict kept", async () => {
    const term = openTerminal(`node ${cliJs} validate broken.csv`, {
      cwd: samples,
      env: { PATH: path },
      width: 60,
      height: 20,
    });
    const first = await term.waitFor("q, Esc or Enter leave");
    const head = [
      "Validation",
      "File broken.csv · Format csv · Seed encoding base32",
      "Rows 20 · Valid 3 · Rejected 17",
      "",
      "⚠ 17 rows rejected; only the 3 valid rows can go on.",
    ];
    expect(first.split("\n").slice(0, 5)).toEqual(head);
    expect(first).not.toContain("…"); // wrapped, not cut
    // The fourth issue's message is longer than a line: ↓ selects it, Space shows it alone.
    term.keys("Down", "Down", "Down");
    await term.waitFor(/❯ line 4 · error · serialNumber/u);
    term.keys("Space");
    const detail = await term.waitFor("Space back to the list");
    expect(detail.split("\n").slice(0, 5)).toEqual(head);
    expect(detail).toContain(
      'serial number "6.02346E+07" is in scientific notation (a\nspreadsheet changed it); take it from the vendor\'s original\nfile',
    );
    for (const line of detail.split("\n")) expect(line.length).toBeLessThanOrEqual(60);
    term.keys("q");
    await term.waitFor("EXIT=1");
  }, 60_000);

  it("lists on the plan the rows validation rejected, as piped output does, with pre-flight's", async () => {
    const dir = tempDir();
    const upns = ["adele.vance", "alex.wilber", "diego.siciliani", "grady.archie"].map(
      (name) => `${name}@contoso.example`,
    );
    // Lines 2-11: line 5's user is not in the tenant (pre-flight); 3, 4 and 7-11 fail validation.
    const tokens = makeTokens(
      [...upns.slice(0, 3), "nobody@contoso.example", ...upns, ...upns.slice(0, 2)],
      "V",
    );
    writeSeedCsv(join(dir, "bad.csv"), tokens, "base32");
    const lines = readFileSync(join(dir, "bad.csv"), "utf8").split("\n");
    const field = (n: number, i: number, value: string): void => {
      const cells = lines[n - 1]!.split(",");
      cells[i] = value;
      lines[n - 1] = cells.join(",");
    };
    field(3, 2, "NOT-BASE32!3");
    field(4, 1, "");
    for (const n of [7, 8, 9, 10, 11]) field(n, 2, `NOT-BASE32!${n}`);
    writeFileSync(join(dir, "bad.csv"), lines.join("\n"), { mode: 0o600 });

    const piped = await runCli(["import", "bad.csv", "--emulator", "--dry-run"], { cwd: dir });
    const validationLines = piped.stdout
      .split("\n")
      .filter((l) => /^ {2}line \d+ \w+ [a-z0-9-]+: /u.test(l))
      .map((l) => l.trim());
    expect(validationLines.slice(0, 2)).toEqual([
      expect.stringMatching(/^line 3 secretKey seed-not-base32: /u),
      expect.stringMatching(/^line 4 serialNumber serial-number-missing: /u),
    ]);

    const term = openTerminal(`node ${cliJs} import bad.csv --emulator`, {
      cwd: dir,
      env: { PATH: path, HOME: dir },
      height: 30,
    });
    const plan = await term.waitFor("Go on?", 30_000);
    expect(plan).toContain("8 rejected (7 by validation, 1 by pre-flight)");
    // In the order of the file, cut to the screen as the pre-flight ones are; the rest counted.
    const shown = plan.split("\n").map((l) => l.trim());
    const cut = (text: string): string => (text.length <= 78 ? text : `${text.slice(0, 77)}…`);
    const at3 = shown.indexOf(cut(validationLines[0]!));
    expect(at3).toBeGreaterThan(-1);
    expect(shown.slice(at3, at3 + 6)).toEqual([
      cut(validationLines[0]!),
      cut(validationLines[1]!),
      expect.stringMatching(/^line 5 {2}V00004 {2}[a-z-]+: /u),
      cut(validationLines[2]!),
      cut(validationLines[3]!),
      "… and 3 more, all in the report",
    ]);
    expect(findSecrets({ plan }, secretsOf(tokens))).toEqual([]);
    term.keys("n");
    await term.waitFor(/EXIT=\d+/u);
  }, 60_000);

  it("wraps a warning at word boundaries at 60 columns, on the plan and where it is kept after y", async () => {
    const dir = tempDir();
    const users = members(2);
    const a = await startTenant(dir, users, { tenantId: randomUUID() });
    const b = await startTenant(dir, users, { tenantId: randomUUID() });
    const tokens = makeTokens(
      users.map((u) => u.upn),
      "W",
    );
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const first = tenantArgs(a);
    const done = await runCli(["import", "tokens.csv", "--yes", ...first.args], {
      cwd: dir,
      env: first.env,
    });
    expect(done.code, done.stderr).toBe(0);
    // The same job for tenant b: the run warns of a's journal, a message of several lines.
    const { args, env } = tenantArgs(b);
    const term = openTerminal(`node ${cliJs} import tokens.csv ${args.join(" ")}`, {
      cwd: dir,
      env: { ...env, PATH: path, HOME: dir },
      width: 60,
      height: 40,
    });
    // Every word of the warning whole on one line (a word longer than a line, a path, may be cut).
    const wordsOfWarning = (screen: string): string[] => {
      const warning = /^⚠ A journal of this job[^]*?\n(?=\S|\n)/mu.exec(screen)?.[0] ?? "";
      expect(warning).toContain("not used");
      const lines = warning.split("\n").map((l) => l.replace(/^⚠/u, "").trim());
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
      return lines.join(" ").split(/\s+/u);
    };
    const asked = await term.waitFor("Go on?", 30_000);
    term.keys("y");
    await term.waitFor(/EXIT=\d+/u, 30_000);
    const screen = term.history();
    for (const words of [wordsOfWarning(asked), wordsOfWarning(screen)]) {
      expect(words).toEqual(expect.arrayContaining(["(e.g.", "is", "another", "tenant", "and"]));
      expect(words.filter((w) => ["(e.", "g.", "i", "s", "an", "d"].includes(w))).toEqual([]);
    }
    expect(findSecrets({ screen }, secretsOf(tokens))).toEqual([]);
  }, 60_000);

  it("stops at Ctrl-C during pre-flight: exit 130, nothing written, no question left waiting", async () => {
    const dir = tempDir();
    const users = members(2);
    // Slow answers keep pre-flight going long enough to press Ctrl-C in it.
    const emulator = await startTenant(dir, users, { latencyMs: 1_500 });
    writeSeedCsv(
      join(dir, "tokens.csv"),
      makeTokens(
        users.map((u) => u.upn),
        "Q",
      ),
      "base32",
    );
    const { args, env } = tenantArgs(emulator);
    const term = openTerminal(`node ${cliJs} import tokens.csv ${args.join(" ")}`, {
      cwd: dir,
      env: { ...env, PATH: path, HOME: dir },
    });
    await term.waitFor("Pre-flight", 30_000);
    term.keys("C-c");
    const end = await term.waitFor(/EXIT=\d+/u, 30_000);
    expect(end).toContain("EXIT=130");
    expect(end).toMatch(/nothing was written/u);
    expect(emulator.state().devices).toEqual([]);
  }, 60_000);
});
