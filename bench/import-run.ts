// Shared by the import benchmarks: a tenant of `count` tokens (CSV and users file) and one run of
// the built CLI against a fresh emulator, with what the emulator saw.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import type * as Emulator from "../src/emulator/index.js";
import type * as Seeds from "../src/secrets/seed.js";

// The built modules (BENCH_DIST points at another build, e.g. main's, for before/after figures);
// the casts give tsc the types of their sources.
const distDir = process.env["BENCH_DIST"] ?? fileURLToPath(new URL("../dist/", import.meta.url));
export const dist = (path: string): string => new URL(path, `file://${distDir}/`).href;

const { startEmulator } = (await import(dist("emulator/index.js"))) as typeof Emulator;
const { Seed } = (await import(dist("secrets/seed.js"))) as typeof Seeds;

export const certDir = join(tmpdir(), "oathkit-bench-ca");

export type Tenant = {
  dir: string;
  csv: string;
  tokens: Array<{ upn: string; serial: string; seed: Buffer }>;
};

/** `count` tokens for `count / 5` users (the cap of five per user), in a Graph-layout CSV. */
export function tenantFiles(count: number, prefix: string): Tenant {
  const dir = mkdtempSync(join(tmpdir(), "oathkit-bench-"));
  const users = Array.from({ length: Math.ceil(count / 5) }, (_, i) => ({
    id: randomUUID(),
    userPrincipalName: `bench${i + 1}@contoso.example`,
    displayName: `Bench ${i + 1}`,
    accountEnabled: true,
    userType: "Member",
    existingMethods: 0,
  }));
  writeFileSync(join(dir, "users.json"), JSON.stringify({ users }));
  const tokens = Array.from({ length: count }, (_, i) => ({
    upn: users[Math.floor(i / 5)]!.userPrincipalName,
    serial: `${prefix}${String(i + 1).padStart(6, "0")}`,
    seed: randomBytes(20),
  }));
  const rows = tokens.map(
    (t) => `${t.upn},${t.serial},${new Seed(t.seed).toBase32()},30,Token2,C202,hmacsha1`,
  );
  const csv = join(dir, "tokens.csv");
  writeFileSync(
    csv,
    [
      "upn,serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,hashFunction",
      ...rows,
    ].join("\n") + "\n",
    { mode: 0o600 },
  );
  return { dir, csv, tokens };
}

export type RunFigures = {
  /** The whole command: start-up, sign-in, pre-flight, writes, verify, report. */
  seconds: number;
  /** From the create phase's start to the activate phase's end (the NDJSON phase events). */
  writeSeconds: number;
  /** The create phase, then the activate phase (assign-and-activate), of `writeSeconds`. */
  createSeconds: number;
  activateSeconds: number;
  writeRequests: number;
  throttled: number;
};

/** Runs `oathkit import --json` against an emulator; every token must end activated. */
export async function oathkitRun(
  count: number,
  options: Emulator.EmulatorOptions,
  concurrency: number,
): Promise<RunFigures> {
  const tenant = tenantFiles(count, "B");
  const emulator = await startEmulator({
    certDir,
    usersFile: join(tenant.dir, "users.json"),
    ...options,
  });
  // Each run learns its tenant's rate afresh (the first run against a tenant).
  const home = join(tenant.dir, "home");
  try {
    const args = [
      dist("cli.js").replace("file://", ""),
      "import",
      tenant.csv,
      "--yes",
      "--json",
      "--concurrency",
      String(concurrency),
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
    ];
    const env = {
      ...process.env,
      HOME: home,
      XDG_CACHE_HOME: join(home, ".cache"),
      AZURE_CLIENT_SECRET: emulator.clientSecret,
      NODE_EXTRA_CA_CERTS: emulator.caFile,
    };
    const start = performance.now();
    const result = await runChild(args, { cwd: tenant.dir, env });
    const seconds = (performance.now() - start) / 1000;
    const activated = emulator.state().devices.filter((d) => d.status === "activated").length;
    if (result.status !== 0 || activated !== count)
      throw new Error(
        `oathkit import ended ${result.status} with ${activated}/${count} activated: ${result.stderr}`,
      );
    const counters = emulator.state().counters;
    const { create = start, activate = start, after = performance.now() } = result.phases;
    return {
      seconds,
      writeSeconds: (after - create) / 1000,
      createSeconds: (activate - create) / 1000,
      activateSeconds: (after - activate) / 1000,
      writeRequests: counters.writeRequests,
      throttled: counters.throttled,
    };
  } finally {
    await emulator.stop();
    rmSync(tenant.dir, { recursive: true, force: true });
  }
}

type ChildResult = {
  status: number | null;
  stderr: string;
  /** When the create and activate phases started, and the phase after them (verify or report). */
  phases: { create?: number; activate?: number; after?: number };
};

function runChild(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const phases: ChildResult["phases"] = {};
    let stderr = "";
    let pending = "";
    child.stdout.on("data", (d: Buffer) => {
      const lines = (pending + d.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const phase = /"type":"phase","phase":"(\w+)"/u.exec(line)?.[1];
        if (phase === "create") phases.create ??= performance.now();
        else if (phase === "activate") phases.activate ??= performance.now();
        else if (phase === "verify" || phase === "report") phases.after ??= performance.now();
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stderr, phases }));
  });
}
