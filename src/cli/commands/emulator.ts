import { parseArgs } from "node:util";
import { z } from "zod";
import { UsageError } from "../../errors.js";
import type { EmulatorOptions, RunningEmulator } from "../../emulator/index.js";
import {
  defaultCertDir,
  faultKinds,
  sampleUsersFile,
  startEmulator,
} from "../../emulator/index.js";
import type { CliIo, Command } from "../io.js";

const help = `Usage: oathkit emulator [options]

A local Entra ID + Microsoft Graph stand-in over HTTPS on 127.0.0.1 (docs/emulator.md).

Options:
  --port N              TCP port; 0 picks a free one (default 0)
  --users FILE          users of the tenant (default: the package's samples/users.json)
  --latency-ms N        delay added to every request (default 0)
  --write-rate N        writes per second before 429 + Retry-After; 0 = unlimited (default 0)
  --fault-rate P        probability 0..1 that a write gets a fault (default 0)
  --fault-kinds LIST    faults to draw from: 503,lost,reset (default all three)
  --clock-skew-sec N    the emulator's clock offset, in Date headers and code checks (default 0)
  --token-ttl-sec N     lifetime of access tokens (default 3600)
  --page-size N         collection page size without $top (default 100)
  --seed N              seed of the fault PRNG (default 1)
  --cert-dir DIR        where the local CA is kept (default ${defaultCertDir()})
  --json                print one JSON line {url,port,ca,tenant,clientId,clientSecret} when ready
`;

const int = (min: number) => z.coerce.number().int().min(min);
const schema = z.object({
  port: int(0).max(65535).default(0),
  users: z.string().min(1).default(sampleUsersFile),
  "latency-ms": int(0).default(0),
  "write-rate": z.coerce.number().min(0).default(0),
  "fault-rate": z.coerce.number().min(0).max(1).default(0),
  "fault-kinds": z
    .string()
    .default(faultKinds.join(","))
    .transform((text) => text.split(",").map((k) => k.trim()))
    .pipe(z.array(z.enum(["503", "lost", "reset"])).min(1)),
  "clock-skew-sec": z.coerce.number().int().default(0),
  "token-ttl-sec": int(1).default(3600),
  "page-size": int(1).max(999).default(100),
  seed: int(0).default(1),
  "cert-dir": z.string().min(1).optional(),
  json: z.boolean().default(false),
});

function parse(args: readonly string[]): EmulatorOptions & { json: boolean } {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      users: { type: "string" },
      "latency-ms": { type: "string" },
      "write-rate": { type: "string" },
      "fault-rate": { type: "string" },
      "fault-kinds": { type: "string" },
      "clock-skew-sec": { type: "string" },
      "token-ttl-sec": { type: "string" },
      "page-size": { type: "string" },
      seed: { type: "string" },
      "cert-dir": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `Option --${String(issue?.path[0] ?? "?")}: ${issue?.message ?? "invalid"}.`,
      {
        hint: "Run `oathkit emulator --help` for the options.",
      },
    );
  }
  const o = parsed.data;
  return {
    port: o.port,
    usersFile: o.users,
    latencyMs: o["latency-ms"],
    writeRate: o["write-rate"],
    faultRate: o["fault-rate"],
    faultKinds: o["fault-kinds"],
    clockSkewSec: o["clock-skew-sec"],
    tokenTtlSec: o["token-ttl-sec"],
    pageSize: o["page-size"],
    seed: o.seed,
    ...(o["cert-dir"] === undefined ? {} : { certDir: o["cert-dir"] }),
    json: o.json,
  };
}

function describe(emulator: RunningEmulator, usersFile: string): string {
  const u = emulator.url;
  return [
    `oathkit emulator listening on ${u}`,
    "",
    `  Graph URL and authority host  ${u}`,
    `  CA certificate                ${emulator.caFile}`,
    `  tenant                        ${emulator.tenantId}`,
    `  client id                     ${emulator.clientId}`,
    `  client secret                 ${emulator.clientSecret}`,
    `  users                         ${usersFile}`,
    "",
    "Point oathkit (or any @azure/identity + Graph client) at it:",
    `  export NODE_EXTRA_CA_CERTS=${emulator.caFile}`,
    `  export AZURE_TENANT_ID=${emulator.tenantId} AZURE_CLIENT_ID=${emulator.clientId}`,
    `  export AZURE_CLIENT_SECRET='${emulator.clientSecret}' AZURE_AUTHORITY_HOST=${u}`,
    `  oathkit import <file> --graph-url ${u} --authority-host ${u}`,
    "",
    `State (read-only, no secrets): ${u}/_emulator/state. Ctrl-C stops.`,
    "",
  ].join("\n");
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export const emulatorCommand: Command = {
  name: "emulator",
  usage: "emulator [--port N] [--json]",
  summary: "local Entra + Graph stand-in (HTTPS) for trials and tests",
  async run(args: readonly string[], io: CliIo): Promise<number> {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout.write(help);
      return 0;
    }
    let options: ReturnType<typeof parse>;
    try {
      options = parse(args);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(error instanceof Error ? error.message : String(error), {
        hint: "Run `oathkit emulator --help` for the options.",
      });
    }
    const { json, ...emulatorOptions } = options;
    const emulator = await startEmulator(emulatorOptions);
    const signal = untilSignal();
    if (json) {
      const line = {
        url: emulator.url,
        port: emulator.port,
        ca: emulator.caFile,
        tenant: emulator.tenantId,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
      };
      io.stdout.write(`${JSON.stringify(line)}\n`);
    } else {
      io.stdout.write(describe(emulator, emulatorOptions.usersFile ?? sampleUsersFile));
    }
    await signal;
    await emulator.stop();
    if (!json) io.stdout.write("oathkit emulator stopped.\n");
    return 0;
  },
};
