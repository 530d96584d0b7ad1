// import throughput against the emulator (product.md §6): 500 tokens at 250 ms latency and a
// limit of 20 writes/s (10 tokens/s: one create + one assign-and-activate each), beside a naive
// client that sends create, assign and activate one request at a time per token, as the existing
// scripts do; then tokens/s at concurrency 1, 4 and 16 with no write limit.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import type * as Emulator from "../src/emulator/index.js";
import type * as Seeds from "../src/secrets/seed.js";
import type * as Totp from "../src/totp.js";

// The built modules; the casts give tsc the types of their sources.
const dist = (path: string): string => new URL(`../dist/${path}`, import.meta.url).href;

const { startEmulator, trustEmulatorCa } = (await import(
  dist("emulator/index.js")
)) as typeof Emulator;
const { Seed } = (await import(dist("secrets/seed.js"))) as typeof Seeds;
const { totpCode } = (await import(dist("totp.js"))) as typeof Totp;

export const name = "import";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const certDir = join(tmpdir(), "oathkit-bench-ca");

type Tenant = {
  dir: string;
  csv: string;
  tokens: Array<{ upn: string; serial: string; seed: Buffer }>;
};

/** `count` tokens for `count / 5` users (the cap of five per user), in a Graph-layout CSV. */
function tenantFiles(count: number, prefix: string): Tenant {
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

/** Runs the real CLI against an emulator; returns tokens/s over the whole command (pre-flight and verify included). */
async function oathkitRun(
  count: number,
  options: Emulator.EmulatorOptions,
  concurrency: number,
): Promise<number> {
  const tenant = tenantFiles(count, "B");
  const emulator = await startEmulator({
    certDir,
    usersFile: join(tenant.dir, "users.json"),
    ...options,
  });
  try {
    const args = [
      cli,
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
    const start = performance.now();
    const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawnAsync(args, {
        cwd: tenant.dir,
        env: {
          ...process.env,
          AZURE_CLIENT_SECRET: emulator.clientSecret,
          NODE_EXTRA_CA_CERTS: emulator.caFile,
        },
      });
      child.then(resolve, () => resolve({ status: -1, stderr: "spawn failed" }));
    });
    const seconds = (performance.now() - start) / 1000;
    const activated = emulator.state().devices.filter((d) => d.status === "activated").length;
    if (result.status !== 0 || activated !== count)
      throw new Error(
        `oathkit import ended ${result.status} with ${activated}/${count} activated: ${result.stderr}`,
      );
    return count / seconds;
  } finally {
    await emulator.stop();
    rmSync(tenant.dir, { recursive: true, force: true });
  }
}

async function spawnAsync(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; stderr: string }> {
  const { spawn } = await import("node:child_process");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      ...options,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

/** The naive client: per token, POST create, POST assign, POST activate, one request at a time. */
async function naiveRun(count: number, options: Emulator.EmulatorOptions): Promise<number> {
  const tenant = tenantFiles(count, "N");
  const emulator = await startEmulator({
    certDir,
    usersFile: join(tenant.dir, "users.json"),
    ...options,
  });
  trustEmulatorCa(emulator.caPem);
  try {
    const tokenResponse = await fetch(`${emulator.url}/${emulator.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const call = async (
      method: string,
      path: string,
      body: unknown,
    ): Promise<Record<string, unknown>> => {
      for (;;) {
        const response = await fetch(`${emulator.url}/beta${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        if (response.status === 429) {
          await new Promise((r) =>
            setTimeout(r, Number(response.headers.get("retry-after") ?? "1") * 1000),
          );
          continue;
        }
        const text = await response.text();
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
        return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
      }
    };
    const start = performance.now();
    for (const t of tenant.tokens) {
      const secretKey = new Seed(t.seed).toBase32();
      const device = await call(
        "POST",
        "/directory/authenticationMethodDevices/hardwareOathDevices",
        {
          serialNumber: t.serial,
          manufacturer: "Token2",
          model: "C202",
          secretKey,
          timeIntervalInSeconds: 30,
          hashFunction: "hmacsha1",
        },
      );
      const path = `/users/${encodeURIComponent(t.upn)}/authentication/hardwareOathMethods`;
      await call("POST", path, { device: { id: device["id"] } });
      await call("POST", `${path}/${String(device["id"])}/activate`, {
        verificationCode: totpCode(t.seed, Date.now(), 30, "hmacsha1"),
      });
    }
    return count / ((performance.now() - start) / 1000);
  } finally {
    await emulator.stop();
    rmSync(tenant.dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const limited = { latencyMs: 250, writeRate: 20 };
  const allowed = 10;
  const rate = await oathkitRun(500, limited, 16);
  console.log(
    `oathkit import, 500 tokens, 250 ms latency, 20 writes/s: ${rate.toFixed(2)} tokens/s = ${((rate / allowed) * 100).toFixed(0)}% of the ${allowed} tokens/s the limit allows (target ≥ 90%)`,
  );
  const naive = await naiveRun(40, limited);
  console.log(
    `naive client (create, assign, activate one request at a time), 40 tokens: ${naive.toFixed(2)} tokens/s → oathkit is ${(rate / naive).toFixed(1)}× faster (expected ≥ 6×)`,
  );
  for (const concurrency of [1, 4, 16]) {
    const r = await oathkitRun(100, { latencyMs: 250 }, concurrency);
    console.log(
      `no write limit, 250 ms latency, 100 tokens, --concurrency ${concurrency}: ${r.toFixed(2)} tokens/s`,
    );
  }
}
