import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import {
  makeTokens,
  members,
  runCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";

/**
#15.10: a damaged journal line is a clear error naming the file and the line, with what to do —
exit 2 and nothing written — not "internal error", and not silently skipped. Only a torn last
line (a crash in the middle of its write: no line end) is dropped.
*/
describe("a damaged journal", () => {
  async function setUp() {
    const dir = tempDir();
    const users = members(2);
    const emulator = await startTenant(dir, users);
    const tokens = makeTokens([users[0]!.upn, users[1]!.upn], "J");
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const sha = createHash("sha256")
      .update(readFileSync(join(dir, "tokens.csv")))
      .digest("hex");
    const runLine = JSON.stringify({
      kind: "run",
      version: 2,
      command: "import",
      inputSha256: sha,
      tenantId: emulator.tenantId,
      graphHost: new URL(emulator.url).host,
      startedAt: "2026-01-01T00:00:00.000Z",
    });
    const tokenLine = JSON.stringify({
      kind: "token",
      serial: tokens[0]!.serial,
      at: "2026-01-01T00:00:01.000Z",
      phase: "create-sent",
    });
    return { dir, emulator, runLine, tokenLine, ...tenantArgs(emulator) };
  }

  for (const [name, bad] of [
    ["null", "null"],
    ["text that is not JSON", "}{ not json"],
    [
      "a record with an unknown phase",
      '{"kind":"token","serial":"J00001","at":"x","phase":"exploded"}',
    ],
  ] as const) {
    it(`stops at ${name} in the middle, naming the file and line; nothing is written`, async () => {
      const { dir, emulator, runLine, tokenLine, args, env } = await setUp();
      const journal = join(dir, "job.jsonl");
      const text = [runLine, tokenLine, bad, tokenLine, ""].join("\n");
      writeFileSync(journal, text, { mode: 0o600 });

      const run = await runCli(["import", "tokens.csv", "--yes", "--state", "job.jsonl", ...args], {
        cwd: dir,
        env,
      });
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toMatch(/journal .*job\.jsonl is damaged at line 3/u);
      expect(run.stderr).not.toMatch(/bug/iu);
      expect(run.stderr).toMatch(/Nothing was written/u);
      expect(readFileSync(journal, "utf8")).toBe(text);
      expect(emulator.state().devices).toEqual([]);
    });
  }

  it("drops a torn last line and finishes the job", async () => {
    const { dir, emulator, runLine, tokenLine, args, env } = await setUp();
    writeFileSync(join(dir, "job.jsonl"), `${runLine}\n${tokenLine}\n{"kind":"token","ser`, {
      mode: 0o600,
    });
    const run = await runCli(["import", "tokens.csv", "--yes", "--state", "job.jsonl", ...args], {
      cwd: dir,
      env,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(emulator.state().devices.map((d) => d.status)).toEqual(["activated", "activated"]);
    // The torn fragment is gone, not glued to the next record: the journal reads cleanly again.
    const again = await runCli(["import", "tokens.csv", "--yes", "--state", "job.jsonl", ...args], {
      cwd: dir,
      env,
    });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });
});
