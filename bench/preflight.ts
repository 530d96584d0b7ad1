// Pre-flight wall time (issue #12): `oathkit import --dry-run --json` against an emulator at
// 250 ms latency, from the preflight phase's event to the plan's (permissions, policy, users
// with their method counts, serials), and the requests the emulator saw. 250 users hold 1,250
// tokens (their serials found by one listing); 16 users hold 80 (their serials looked up).
// BENCH_DIST=<another build> gives the figures of that build (before/after).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";

import type * as Emulator from "../src/emulator/index.js";
import type * as ImportRun from "./import-run.js";

const { certDir, dist, tenantFiles } = (await import(
  new URL("./import-run.ts", import.meta.url).href
)) as typeof ImportRun;
const { startEmulator } = (await import(dist("emulator/index.js"))) as typeof Emulator;

export const name = "pre-flight reads";

export async function run(): Promise<void> {
  console.log("250 ms latency; --dry-run (nothing written)");
  console.log(
    "| users | tokens | pre-flight s | $batch envelopes | reads (batch items included) |",
  );
  console.log("|---|---|---|---|---|");
  for (const tokens of [1_250, 80]) {
    const tenant = tenantFiles(tokens, "P");
    const emulator = await startEmulator({
      certDir,
      usersFile: join(tenant.dir, "users.json"),
      latencyMs: 250,
    });
    try {
      const home = join(tenant.dir, "home");
      const args = [
        ...["import", tenant.csv, "--dry-run", "--json"],
        ...["--graph-url", emulator.url, "--authority-host", emulator.url],
        ...["--tenant", emulator.tenantId, "--client-id", emulator.clientId],
        ...["--auth", "client-secret"],
      ];
      const phases = await phaseTimes(args, {
        ...process.env,
        HOME: home,
        XDG_CACHE_HOME: join(home, ".cache"),
        AZURE_CLIENT_SECRET: emulator.clientSecret,
        NODE_EXTRA_CA_CERTS: emulator.caFile,
      });
      const { preflight, plan } = phases;
      if (preflight === undefined || plan === undefined)
        throw new Error("the dry run gave no preflight and plan phases");
      const requests = emulator.state().counters.requests;
      // Items inside an envelope are counted by their own route too: requests on the wire are
      // the envelopes plus every request outside one.
      const envelopes = requests["POST $batch"] ?? 0;
      const all = Object.values(requests).reduce((a, b) => a + b, 0);
      console.log(
        `| ${tokens / 5} | ${tokens} | ${((plan - preflight) / 1000).toFixed(2)} | ${envelopes} | ${all} |`,
      );
    } finally {
      await emulator.stop();
      rmSync(tenant.dir, { recursive: true, force: true });
    }
  }
}

/** When each phase event of the NDJSON output arrived. */
function phaseTimes(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const cli = dist("cli.js").replace("file://", "");
    const child = spawn(process.execPath, [cli, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const phases: Record<string, number> = {};
    let pending = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      const lines = (pending + d.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const phase = /"type":"phase","phase":"(\w+)"/u.exec(line)?.[1];
        if (phase !== undefined) phases[phase] ??= performance.now();
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) =>
      status === 0 ? resolve(phases) : reject(new Error(`dry run ended ${status}: ${stderr}`)),
    );
  });
}
