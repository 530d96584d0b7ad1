import { resolve } from "node:path";
import { sampleUsersFile, startInProcessEmulator } from "../emulator/index.js";
import {
  connectionHelp,
  connectionOptions,
  createOathDirectory,
  parseConnection,
  type ConnectionFlags,
  type GraphConnection,
} from "../graph/index.js";
import { printable } from "../present/printable.js";
import { Scrubber } from "../secrets/scrubber.js";
import type { Endpoints } from "../job/fatal-error.js";
import type { TenantSession } from "../job/tenant.js";
import type { CliIo } from "./io.js";

/** parseArgs options of a command that talks to a tenant: the shared ones plus `--emulator`. */
export const tenantOptions = {
  ...connectionOptions,
  emulator: { type: "boolean" },
  "emulator-users": { type: "string" },
} as const;

export const tenantHelp: readonly string[] = [
  ...connectionHelp,
  "  --emulator               run against a local in-process emulator (no tenant needed)",
  "  --emulator-users <file>  its users (default: the samples' users file)",
];

export type TenantFlags = ConnectionFlags & {
  emulator?: boolean | undefined;
  "emulator-users"?: string | undefined;
};

/** What signing in needs from the outside: the environment (secrets), the folder, where prompts go. */
export type TenantIo = {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Device-code sign-in instructions: stderr for plain runs, a warning on screen in the UI. */
  onDeviceCodePrompt: (message: string) => void;
};

export function tenantIo(io: CliIo): TenantIo {
  return {
    env: io.env,
    cwd: io.cwd,
    onDeviceCodePrompt: (message) => io.stderr.write(`${printable(message)}\n`),
  };
}

/**
Signs in to the tenant the flags name, or starts an in-process emulator and signs in to it through
the same Graph and sign-in path (client secret, TLS verified against the emulator's own CA).
*/
export async function openTenant(
  flags: TenantFlags,
  io: TenantIo,
  scrubber = new Scrubber(),
): Promise<TenantSession> {
  const deps = { scrubber, now: Date.now, onDeviceCodePrompt: io.onDeviceCodePrompt };
  if (flags.emulator !== true) {
    const connection = parseConnection(flags, io.env);
    const directory = createOathDirectory(connection, { ...deps, env: io.env });
    return { directory, endpoints: endpointsOf(connection), close: () => Promise.resolve() };
  }
  const { connection: c, emulator } = await startInProcessEmulator({
    usersFile:
      flags["emulator-users"] === undefined
        ? sampleUsersFile
        : resolve(io.cwd, flags["emulator-users"]),
  });
  try {
    const env = { ...io.env, AZURE_CLIENT_SECRET: c.clientSecret };
    const connection = parseConnection(
      {
        tenant: c.tenantId,
        "client-id": c.clientId,
        auth: "client-secret",
        "graph-url": c.graphUrl,
        "authority-host": c.authorityHost,
      },
      env,
    );
    const directory = createOathDirectory(connection, { ...deps, env });
    return { directory, endpoints: endpointsOf(connection), close: () => emulator.stop() };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

function endpointsOf(connection: GraphConnection): Endpoints {
  return { signIn: connection.authorityHost, graph: connection.graphUrl };
}
