import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { onTestFinished } from "vitest";
import {
  startEmulator,
  trustEmulatorCa,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../src/emulator/index.js";
import type { CliResult } from "./in-process.js";
import { totpCode } from "../../src/totp.js";
import { Seed } from "../../src/secrets/seed.js";
import type { OnFinished } from "./temp-dir.js";

export const root = resolve(import.meta.dirname, "../..");
/** The pinned Node (24) and the built CLI: tests run the real program. */
export const nodeBin = join(root, "node_modules/.bin/node");
export const cliJs = join(root, "dist/cli.js");
const certDir = join(tmpdir(), "oathkit-test-ca");

export type TestUser = {
  upn: string;
  id?: string;
  guest?: boolean;
  disabled?: boolean;
  existingMethods?: number;
};

/** A tenant of `count` members named user1…userN@contoso.example, plus any extra users. */
export function members(count: number): TestUser[] {
  return Array.from({ length: count }, (_, i) => ({ upn: `user${i + 1}@contoso.example` }));
}

/**
Starts an emulator for one test (stopped when it finishes) with the given users. Concurrent tests
pass their context's `onTestFinished`.
*/
export async function startTenant(
  dir: string,
  users: TestUser[],
  options: EmulatorOptions = {},
  onFinished: OnFinished = onTestFinished,
): Promise<RunningEmulator> {
  const usersFile = join(dir, "users.json");
  const body = users.map((u) => ({
    id: u.id ?? randomUUID(),
    userPrincipalName: u.upn,
    displayName: u.upn.split("@")[0] ?? u.upn,
    accountEnabled: u.disabled !== true,
    userType: u.guest === true ? "Guest" : "Member",
    existingMethods: u.existingMethods ?? 0,
  }));
  writeFileSync(usersFile, JSON.stringify({ users: body }));
  const emulator = await startEmulator({ certDir, usersFile, ...options });
  // The child processes trust it through NODE_EXTRA_CA_CERTS (tenantArgs); in-process runs here.
  trustEmulatorCa(emulator.caPem);
  onFinished(() => emulator.stop());
  return emulator;
}

/** The flags and environment that point a child oathkit at an emulator, as a user would. */
export function tenantArgs(emulator: RunningEmulator): {
  args: string[];
  env: Record<string, string>;
} {
  return {
    args: [
      "--graph-url",
      emulator.url,
      "--authority-host",
      emulator.url,
      "--tenant",
      emulator.tenantId,
      "--client-id",
      emulator.clientId,
      "--auth",
      "client-secret",
    ],
    env: { AZURE_CLIENT_SECRET: emulator.clientSecret, NODE_EXTRA_CA_CERTS: emulator.caFile },
  };
}

export type { CliResult } from "./in-process.js";
export { runInProcess as runCli } from "./in-process.js";

export function spawnCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): ChildProcess {
  return spawn(nodeBin, [cliJs, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env["PATH"] ?? "", HOME: options.cwd, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
Runs the built CLI as a child process to its end: for what only a real process shows (its exit
code as the shell sees it, a signal). Everything else runs in process (`runCli`, in-process.ts).
*/
export function runChild(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  const child = spawnCli(args, options);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

export type TestToken = {
  upn: string | null;
  serial: string;
  seed: Buffer;
  interval: 30 | 60;
  hash: "hmacsha1" | "hmacsha256";
};

/** Fresh random tokens: 20-byte SHA-1 or 32-byte SHA-256 seeds, 30 or 60 s, per the pattern given. */
export function makeTokens(upns: ReadonlyArray<string | null>, prefix: string): TestToken[] {
  return upns.map((upn, i) => {
    const hash = i % 3 === 2 ? "hmacsha256" : "hmacsha1";
    return {
      upn,
      serial: `${prefix}${String(i + 1).padStart(5, "0")}`,
      seed: randomBytes(hash === "hmacsha256" ? 32 : 20),
      interval: i % 2 === 0 ? 30 : 60,
      hash,
    };
  });
}

/** A Graph-property CSV (Base32 or hex seeds) with a hash column. */
export function writeSeedCsv(
  path: string,
  tokens: readonly TestToken[],
  encoding: "base32" | "hex",
): void {
  const rows = tokens.map((t) => {
    const secret = encoding === "hex" ? t.seed.toString("hex") : new Seed(t.seed).toBase32();
    return [t.upn ?? "", t.serial, secret, t.interval, "Token2", "C202", t.hash].join(",");
  });
  writeFileSync(
    path,
    [
      "upn,serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,hashFunction",
      ...rows,
    ].join("\n") + "\n",
    { mode: 0o600 },
  );
}

/** Every text form of every seed, and every code each seed gives within ±`minutes` of now. */
export function secretsOf(
  tokens: readonly TestToken[],
  minutes = 10,
): { seeds: string[]; codes: string[] } {
  const seeds = tokens.flatMap((t) => new Seed(t.seed).textForms());
  const codes = new Set<string>();
  const now = Date.now();
  for (const t of tokens) {
    for (let s = -minutes * 60; s <= minutes * 60; s += t.interval)
      codes.add(totpCode(t.seed, now + s * 1000, t.interval, t.hash));
  }
  return { seeds, codes: [...codes] };
}

/** Fails with the place of the first seed (any form, any case) or code (as a whole number) found. */
export function findSecrets(
  texts: Record<string, string>,
  secrets: { seeds: string[]; codes: string[] },
): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    const lower = text.toLowerCase();
    for (const s of secrets.seeds)
      if (lower.includes(s.toLowerCase())) found.push(`${where}: a seed`);
    // A code is six digits standing alone. The hundreds of codes a run spans would otherwise
    // match by chance inside ids and hashes (a device id "…-4a673450b…", a SHA-256), which are
    // random hex: those are taken out before looking for codes.
    const words = text.replace(
      /[0-9a-f]{8}(?:-?[0-9a-f]{4}){3}-?[0-9a-f]{12}|[0-9a-f]{16,}/giu,
      "#",
    );
    for (const c of secrets.codes)
      if (new RegExp(`(?<!\\d)${c}(?!\\d)`, "u").test(words)) found.push(`${where}: a code (${c})`);
  }
  return found;
}

/** Every file under a folder, with its text, except the ones named (e.g. the failures file). */
export function filesUnder(
  dir: string,
  except: (path: string) => boolean = () => false,
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!except(path)) out[path] = readFileSync(path, "utf8");
    }
  };
  mkdirSync(dir, { recursive: true });
  walk(dir);
  return out;
}

export function ndjson(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
The report of the latest run of `command` under `<dir>/oathkit-runs/*`: its audit lines (`# …`)
and its table (header row first), split into cells (no quoted commas in the columns tests read).
*/
export function latestReport(
  dir: string,
  command: string,
): { text: string; audit: string[]; table: string[][] } {
  const runs = join(dir, "oathkit-runs");
  const reports = readdirSync(runs)
    .flatMap((job) => readdirSync(join(runs, job)).map((name) => join(runs, job, name)))
    .filter((path) => new RegExp(`/${command}-\\d{8}T\\d{6}Z(-\\d+)?\\.csv$`, "u").test(path))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  const path = reports.at(-1);
  if (path === undefined) throw new Error(`no ${command} report under ${runs}`);
  const text = readFileSync(path, "utf8");
  const lines = text
    .replace(/^\uFEFF/u, "")
    .trimEnd()
    .split("\r\n");
  return {
    text,
    audit: lines.filter((l) => l.startsWith("#")),
    table: lines.filter((l) => !l.startsWith("#")).map((l) => l.split(",")),
  };
}
