// `oathkit list` of 20,000 tokens against the emulator (page size 1,000, 50 ms latency per
// request): wall time and peak RSS of the real CLI child process. Run it alone with
// `npm run build && node bench/list.ts`, or from the bench runner (bench/run.ts) as a module.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import type * as Emulator from "../src/emulator/index.js";
import type * as Graph from "../src/graph/index.js";
import type * as Scrubbing from "../src/secrets/scrubber.js";
import type * as Pool from "../src/pool.js";
import type * as Seeds from "../src/secrets/seed.js";

export const name = "list";

const tokens = 20_000;
const pageSize = 1_000;
const latencyMs = 50;
const root = fileURLToPath(new URL("..", import.meta.url));
const node = join(root, "node_modules/.bin/node");
const cli = join(root, "dist/cli.js");

const load = async <T>(path: string): Promise<T> =>
  (await import(new URL(`../dist/${path}`, import.meta.url).href)) as T;

export async function run(): Promise<void> {
  const { startEmulator, trustEmulatorCa, sampleUsersFile } =
    await load<typeof Emulator>("emulator/index.js");
  const { createOathDirectory, resolveConnection } = await load<typeof Graph>("graph/index.js");
  const { Scrubber } = await load<typeof Scrubbing>("secrets/scrubber.js");
  const { Seed } = await load<typeof Seeds>("secrets/seed.js");
  const { chunk, forEachConcurrently } = await load<typeof Pool>("pool.js");

  const certDir = mkdtempSync(join(tmpdir(), "oathkit-bench-list-"));
  const emulator = await startEmulator({
    usersFile: sampleUsersFile,
    certDir,
    pageSize,
    latencyMs,
  });
  try {
    trustEmulatorCa(emulator.caPem);
    const env = { AZURE_CLIENT_SECRET: emulator.clientSecret };
    const tenantFlags = {
      tenant: emulator.tenantId,
      clientId: emulator.clientId,
      auth: "client-secret",
      graphUrl: emulator.url,
      authorityHost: emulator.url,
    };
    const directory = createOathDirectory(resolveConnection(tenantFlags, env), {
      scrubber: new Scrubber(),
      env,
      now: Date.now,
    });

    // Seed through Graph (bulk $delta PATCHes); 60 tokens assigned across 12 holders.
    const members = (
      JSON.parse(readFileSync(sampleUsersFile, "utf8")) as {
        users: Array<{ id: string; userType: string; accountEnabled: boolean }>;
      }
    ).users.filter((u) => u.userType === "Member" && u.accountEnabled);
    const seedStart = performance.now();
    const devices = Array.from({ length: tokens }, (_, i) => {
      const holder = i < 60 ? members[i % 12]?.id : undefined;
      return {
        serialNumber: `B${String(i).padStart(6, "0")}`,
        manufacturer: "Token2",
        model: i % 3 === 0 ? "C203" : "C202",
        seed: new Seed(crypto.getRandomValues(new Uint8Array(20))),
        timeIntervalInSeconds: 30 as const,
        hashFunction: "hmacsha1" as const,
        displayName: null,
        ...(holder === undefined ? {} : { assignToUserId: holder }),
      };
    });
    // The emulator takes 50 items a bulk request (Graph's documented upload size); 8 in flight.
    await forEachConcurrently(chunk(devices, 50), 8, async (batch) => {
      const results = await directory.createDevices(batch);
      if (results.some((r) => !r.ok)) throw new Error("seeding the emulator failed");
    });
    console.log(
      `seeded ${tokens} tokens in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    const args = [
      "list",
      "--json",
      // clientId → --client-id: the flags are the settings' names in kebab case.
      ...Object.entries(tenantFlags).flatMap(([k, v]) => [
        `--${k.replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`)}`,
        v,
      ]),
    ];
    const childEnv = {
      PATH: process.env["PATH"],
      HOME: certDir,
      NODE_EXTRA_CA_CERTS: emulator.caFile,
      ...env,
    };
    const runs: Array<{ ms: number; rssKb: number }> = [];
    for (let i = 0; i < 3; i += 1) {
      const pagesBefore =
        emulator.state().counters.requests[
          "GET directory/authenticationMethodDevices/hardwareOathDevices"
        ] ?? 0;
      const result = await measure(args, childEnv);
      const listed = (JSON.parse(result.stdout) as { tokens: unknown[] }).tokens.length;
      const pages =
        (emulator.state().counters.requests[
          "GET directory/authenticationMethodDevices/hardwareOathDevices"
        ] ?? 0) - pagesBefore;
      if (listed !== tokens) throw new Error(`listed ${listed} of ${tokens} tokens`);
      console.log(
        `run ${i + 1}: ${listed} tokens, ${pages} pages, ${(result.ms / 1000).toFixed(2)} s, peak RSS ${(result.rssKb / 1024).toFixed(0)} MB`,
      );
      runs.push(result);
    }
    const one = await measure([...args, "--serial", "B000001"], childEnv);
    console.log(
      `baseline (start, sign in, list 1 token): ${(one.ms / 1000).toFixed(2)} s, peak RSS ${(one.rssKb / 1024).toFixed(0)} MB`,
    );
    const median = <T>(values: T[], key: (v: T) => number): number =>
      values.map(key).sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(
      `list --json of ${tokens} tokens, page size ${pageSize}, ${latencyMs} ms latency: median ${(median(runs, (r) => r.ms) / 1000).toFixed(2)} s, peak RSS ${(median(runs, (r) => r.rssKb) / 1024).toFixed(0)} MB (the CLI child process, /usr/bin/time)`,
    );
  } finally {
    await emulator.stop();
    rmSync(certDir, { recursive: true, force: true });
  }
}

/** Runs the CLI under /usr/bin/time: wall time measured here, peak RSS (KB) as the kernel saw it. */
function measure(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; rssKb: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "maxrss-kb=%M", node, cli, ...args], { env });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      const rss = /maxrss-kb=(\d+)/u.exec(err);
      if (code !== 0 || rss === null) {
        reject(new Error(`oathkit list failed (exit ${code}): ${err}`));
        return;
      }
      resolve({ ms, rssKb: Number(rss[1]), stdout: Buffer.concat(out).toString("utf8") });
    });
  });
}

if (import.meta.main) await run();
