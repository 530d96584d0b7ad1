import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { totpCode } from "../../src/totp.js";
import {
  sampleUsersFile,
  startEmulator,
  trustEmulatorCa,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../src/emulator/index.js";
import type { DeviceToCreate, OathDirectory } from "../../src/graph/index.js";
import { chunk, forEachConcurrently } from "../../src/pool.js";
import { Seed } from "../../src/secrets/seed.js";
import { cliJs, nodeBin, tenantArgs } from "./e2e.js";
import { appDirectory } from "./emulator.js";

/*
A real emulator over HTTPS for the inventory tests, seeded through the real Graph adapter, and
the real CLI (dist/cli.js on the pinned Node) run as a child process against it.
*/

const node = nodeBin;
const cli = cliJs;

/** The sample tenant's users (samples/users.json). */
export const users = {
  adele: { id: "4f8674f8-6a31-479d-964b-f93b502990d6", upn: "adele.vance@contoso.example" },
  alex: { id: "9b27db10-f991-4c87-aec4-301550a31904", upn: "alex.wilber@contoso.example" },
  diego: { id: "c358ecab-ecd2-41b8-8d6d-5aea2599bc18", upn: "diego.siciliani@contoso.example" },
};

/** The enabled members of the sample tenant, for spreading tokens (five OATH methods each at most). */
export const memberIds: string[] = (
  JSON.parse(readFileSync(sampleUsersFile, "utf8")) as {
    users: Array<{ id: string; userType: string; accountEnabled: boolean }>;
  }
).users
  .filter((u) => u.userType === "Member" && u.accountEnabled)
  .map((u) => u.id);

export type TestTenant = {
  emulator: RunningEmulator;
  directory: OathDirectory;
  /** Every seed this tenant was given, in every text form: no output may contain one. */
  seedTexts: string[];
  /** Tenant options for the CLI. */
  args: string[];
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
};

export async function startTenant(options: EmulatorOptions = {}): Promise<TestTenant> {
  if (!existsSync(cli)) {
    throw new Error("dist/cli.js is missing: run `npm run build` first (npm test does).");
  }
  const certDir = mkdtempSync(join(tmpdir(), "oathkit-inventory-ca-"));
  const emulator = await startEmulator({ usersFile: sampleUsersFile, certDir, ...options });
  trustEmulatorCa(emulator.caPem);
  const directory = appDirectory(emulator);
  return {
    emulator,
    directory,
    seedTexts: [],
    args: tenantArgs(emulator).args,
    env: { PATH: process.env["PATH"], HOME: certDir, NO_COLOR: "1", ...tenantArgs(emulator).env },
    async stop() {
      await emulator.stop();
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}

export type TokenSpec = {
  serialNumber: string;
  model?: string;
  holder?: string;
  activate?: boolean;
};

/**
Creates tokens in bulk (PATCH $delta, 50 a request, the emulator's cap), some assigned, then activates some. Returns
each serial's seed (for writing seed files); every seed is also remembered for the leak scan.
*/
export async function seedTokens(
  tenant: TestTenant,
  specs: readonly TokenSpec[],
): Promise<Map<string, Seed>> {
  const tokens = specs.map((spec) => {
    const seed = new Seed(crypto.getRandomValues(new Uint8Array(20)));
    tenant.seedTexts.push(...seed.textForms());
    const device: DeviceToCreate = {
      serialNumber: spec.serialNumber,
      manufacturer: "Token2",
      model: spec.model ?? "C202",
      seed,
      timeIntervalInSeconds: 30,
      hashFunction: "hmacsha1",
      displayName: null,
      ...(spec.holder !== undefined && spec.activate !== true
        ? { assignToUserId: spec.holder }
        : {}),
    };
    return { spec, device };
  });
  const chunks = chunk(
    tokens.map((t) => t.device),
    50,
  );
  await forEachConcurrently(chunks, 4, (devices) => createChunk(tenant.directory, devices));
  for (const { spec, device } of tokens) {
    if (spec.activate !== true || spec.holder === undefined) continue;
    const found = await tenant.directory.findDeviceBySerial(spec.serialNumber);
    const code = totpCode(device.seed.bytes(), Date.now(), 30, "hmacsha1");
    await tenant.directory.assignAndActivate(spec.holder, found!.id, code);
  }
  return new Map(tokens.map((t) => [t.spec.serialNumber, t.device.seed]));
}

/**
One bulk create, sent again after a fault or a 429 until the tenant has it. The emulator's bulk
is all or nothing, so the first serial tells whether an unclear request was applied.
*/
async function createChunk(directory: OathDirectory, devices: DeviceToCreate[]): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const failed = (await directory.createDevices(devices)).find((r) => !r.ok);
    if (failed === undefined) return;
    if (await directory.findDeviceBySerial(devices[0]!.serialNumber)) return;
    if (!["unclear", "throttled"].includes(failed.ok ? "" : failed.failure.kind)) {
      throw new Error(`seeding failed: ${JSON.stringify(failed)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("seeding failed 20 times");
}

export type { CliResult } from "./in-process.js";
/** Runs `oathkit <args>` to the end, in this process (the tenant's CA is trusted here). */
export { runInProcess as runCli } from "./in-process.js";

/** Starts `oathkit <args>` and hands the child back (for kill -9 tests). */
export function startCli(
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): ChildProcess {
  return spawn(node, [cli, ...args], { env: options.env, cwd: options.cwd, stdio: "pipe" });
}

/** The first seed of the tenant found in any of the texts (any case), or undefined. */
export function findSeed(tenant: TestTenant, ...texts: string[]): string | undefined {
  const haystack = texts.join("\n").toLowerCase();
  return tenant.seedTexts.find((s) => haystack.includes(s.toLowerCase()));
}
