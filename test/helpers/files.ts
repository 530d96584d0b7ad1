import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { validateSeedFile } from "../../src/validate/validate-file.js";
import type { ValidateOptions } from "../../src/validate/validate-rows.js";
import type { ReadOptions } from "../../src/seed-file/read-seed-file.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "oathkit-test-"));
  dirs.push(dir);
  return dir;
}

let counter = 0;
/** Write a private (0600) file in a fresh temporary folder. */
export function privateFile(
  content: string | Uint8Array,
  name = `tokens-${++counter}.csv`,
): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

export const defaults: ReadOptions & ValidateOptions = {
  format: "auto",
  seedEncoding: "auto",
  allowWeakSeeds: false,
  allowInsecurePermissions: false,
};

/** Validate CSV text written to a private temporary file. */
export function validateText(
  content: string,
  options: Partial<ReadOptions & ValidateOptions> = {},
) {
  return validateSeedFile(privateFile(content), { ...defaults, ...options });
}

/** [line, field, code] of every issue, for exact assertions. */
export function triples(result: {
  issues: readonly { line: number; field: string | null; code: string }[];
}) {
  return result.issues.map((i) => [i.line, i.field, i.code]);
}

/** [line, field, code] of the error issues only. */
export function errorTriples(result: {
  issues: readonly { line: number; field: string | null; code: string; severity: string }[];
}) {
  return triples({ issues: result.issues.filter((i) => i.severity === "error") });
}

/** Fixed fake seeds (generated at random for these tests; never real). */
export const seeds = {
  a: "DLWQJTTUKDQPRMSM35O3SCV27KWWDGQO",
  b: "SFGKLS33HMW55MP5S254WS674ACXXGSH",
  c: "QQYD3NZ4CMAL5OY6ESGDUPHOVX6UPY37",
  d: "2TBDTP64G6LDM36ZBCLQ24TELT5CO3S3",
  sha256: "IJUZ3K5K6FQRWHBCBFBP7KACUKRRDCHONSL2CJ3QVLJIM2WSUZQA",
};
