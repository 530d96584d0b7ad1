// import throughput against the emulator (product.md §6): 500 tokens at 250 ms latency and a
// limit of 20 writes/s (10 tokens/s: one create + one assign-and-activate each), beside a naive
// client that sends create, assign and activate one request at a time per token, as the existing
// scripts do; then tokens/s at concurrency 1, 4 and 16 with no write limit.
import { rmSync } from "node:fs";
import { join } from "node:path";

import type * as Emulator from "../src/emulator/index.js";
import type * as Seeds from "../src/secrets/seed.js";
import type * as Totp from "../src/totp.js";
import type * as ImportRun from "./import-run.js";

// Node 24 runs the .ts sibling directly; the casts give tsc the types.
const { certDir, dist, oathkitRun, tenantFiles } = (await import(
  new URL("./import-run.ts", import.meta.url).href
)) as typeof ImportRun;
const { startEmulator, trustEmulatorCa } = (await import(
  dist("emulator/index.js")
)) as typeof Emulator;
const { Seed } = (await import(dist("secrets/seed.js"))) as typeof Seeds;
const { totpCode } = (await import(dist("totp.js"))) as typeof Totp;

export const name = "import";

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
  const { seconds } = await oathkitRun(500, limited, 16);
  const rate = 500 / seconds;
  console.log(
    `oathkit import, 500 tokens, 250 ms latency, 20 writes/s, --concurrency 16, whole command: ${rate.toFixed(2)} tokens/s = ${((rate / allowed) * 100).toFixed(0)}% of the ${allowed} tokens/s the limit allows (target ≥ 90%)`,
  );
  const naive = await naiveRun(40, limited);
  console.log(
    `naive client (create, assign, activate one request at a time), 40 tokens: ${naive.toFixed(2)} tokens/s → oathkit is ${(rate / naive).toFixed(1)}× faster (expected ≥ 6×)`,
  );
  for (const concurrency of [1, 4, 16]) {
    const r = await oathkitRun(100, { latencyMs: 250 }, concurrency);
    console.log(
      `no write limit, 250 ms latency, 100 tokens, --concurrency ${concurrency}: ${(100 / r.seconds).toFixed(2)} tokens/s`,
    );
  }
}
