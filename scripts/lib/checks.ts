// The small harness the install checks share (scripts/check-package.ts, scripts/check-release.ts):
// named checks that run in order, a line per check with its time, and a closing
// "<name>: N passed, N failed" line; the process fails when any check failed.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";

type Check = { name: string; run: () => void | Promise<void> } | { name: string; skipped: string };

export class Checks {
  private readonly list: Check[] = [];
  private readonly title: string;

  constructor(title: string) {
    this.title = title;
  }

  add(name: string, run: () => void | Promise<void>): void {
    this.list.push({ name, run });
  }

  /** A check that is not run here, with the reason (counted neither way). */
  skip(name: string, why: string): void {
    this.list.push({ name, skipped: why });
  }

  /** Runs every check (a failed one does not stop the next); returns the process exit code. */
  async run(): Promise<number> {
    let passed = 0;
    let failed = 0;
    for (const check of this.list) {
      if ("skipped" in check) {
        console.log(`  skip  ${check.name}: ${check.skipped}`);
        continue;
      }
      const started = performance.now();
      try {
        await check.run();
        passed += 1;
        console.log(`  ok    ${check.name} (${seconds(started)})`);
      } catch (error) {
        failed += 1;
        console.log(`  FAIL  ${check.name} (${seconds(started)})`);
        console.log(indent(error instanceof Error ? error.message : String(error)));
      }
    }
    console.log(`${this.title}: ${passed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  }
}

export type Ran = { status: number | null; stdout: string; stderr: string };

/** Runs a program to completion (no shell), with a time limit; never throws on a non-zero exit. */
export function run(file: string, args: readonly string[], options: SpawnSyncOptions = {}): Ran {
  const result = spawnSync(file, args, {
    encoding: "utf8",
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Throws with the command's output unless it exited with `status`. */
export function expectStatus(what: string, ran: Ran, status = 0): void {
  if (ran.status !== status) {
    throw new Error(
      `${what}: exit ${String(ran.status)}, expected ${status}\nstdout: ${ran.stdout}\nstderr: ${ran.stderr}`,
    );
  }
}

export function expectEqual(what: string, actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: got ${a}, expected ${e}`);
}

function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `        ${line}`)
    .join("\n");
}
