import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/** Registers a clean-up for the test running now; concurrent tests pass their context's own. */
export type OnFinished = (cleanUp: () => void | Promise<void>) => void;

/** A fresh temporary folder, removed when the test finishes. */
export function tempDir(onFinished: OnFinished = onTestFinished): string {
  const dir = mkdtempSync(join(tmpdir(), "oathkit-test-"));
  onFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
