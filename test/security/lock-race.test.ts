import { describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cliJs, nodeBin } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
#15.10: two real processes race for one job's lock, over and over — with no lock yet, and with a
dead process's lock to take over. Exactly one may hold it; the other gets the clear refusal.
Never a raw error, never both.
*/
const journalModule = pathToFileURL(join(cliJs, "../job/journal.js")).href;

const child = `
import { Journal } from ${JSON.stringify(journalModule)};
const [path] = process.argv.slice(1);
const key = { command: "import", inputSha256: "ab", tenantId: "t", graphHost: "h" };
const lines = process.stdin.setEncoding("utf8");
let journal = null;
process.stdout.write("ready\\n");
lines.on("data", (text) => {
  if (text.includes("go") && journal === null) {
    try {
      journal = Journal.open(path, key, Date.now);
      process.stdout.write("held\\n");
    } catch (error) {
      const clear = error?.constructor?.name === "InputFileError";
      process.stdout.write((clear ? "refused: " : "raw: ") + error.message + "\\n");
      process.exit(0);
    }
  }
  if (text.includes("release") && journal !== null) {
    journal.close();
    process.exit(0);
  }
});
`;

type Racer = { child: ChildProcess; said: Promise<string>; ready: Promise<void> };

function racer(path: string): Racer {
  const proc = spawn(nodeBin, ["--input-type=module", "-e", child, path], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  // A racer that was refused exits on its own; a "release" written as it goes gets EPIPE.
  proc.stdin?.on("error", () => undefined);
  let out = "";
  let onReady = (): void => {};
  let onSaid = (_: string): void => {};
  const ready = new Promise<void>((r) => (onReady = r));
  const said = new Promise<string>((r) => (onSaid = r));
  proc.stdout?.setEncoding("utf8").on("data", (d: string) => {
    out += d;
    if (out.includes("ready\n")) onReady();
    const verdict = out.split("\n").find((l) => l !== "ready" && l !== "");
    if (verdict !== undefined) onSaid(verdict);
  });
  proc.on("close", () =>
    onSaid(out.split("\n").find((l) => l !== "ready" && l !== "") ?? "exited"),
  );
  return { child: proc, said, ready };
}

const exited = (p: ChildProcess) =>
  new Promise<void>((r) => (p.exitCode !== null ? r() : p.on("close", () => r())));

describe("the job lock under a race of two processes", () => {
  it("is held by exactly one of them, every time, with or without a dead owner's lock", async () => {
    const dir = tempDir();
    const path = join(dir, "job.journal.jsonl");
    const deadPid = spawnSync(nodeBin, ["-e", ""]).pid;
    const verdicts: string[][] = [];
    for (let trial = 0; trial < 30; trial += 1) {
      rmSync(`${path}.lock`, { force: true });
      if (trial % 3 !== 0) writeFileSync(`${path}.lock`, String(deadPid), { mode: 0o600 });
      const racers = [racer(path), racer(path)];
      await Promise.all(racers.map((r) => r.ready));
      for (const r of racers) r.child.stdin?.write("go\n");
      const said = await Promise.all(racers.map((r) => r.said));
      verdicts.push(said);
      for (const r of racers) if (r.child.exitCode === null) r.child.stdin?.write("release\n");
      await Promise.all(racers.map((r) => exited(r.child)));
      expect(existsSync(`${path}.lock`), `trial ${trial}: the lock is released`).toBe(false);
    }
    const bad = verdicts.filter(
      (v) =>
        v.filter((s) => s === "held").length !== 1 ||
        !v.some((s) => s.startsWith("refused: Another oathkit process")),
    );
    expect(bad).toEqual([]);
    expect(readdirSync(dir).filter((n) => n !== "job.journal.jsonl")).toEqual([]);
  }, 120_000);
});
