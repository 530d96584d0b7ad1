import { resolve } from "node:path";
import { sampleUsersFile, startInProcessEmulator } from "../emulator/index.js";
import {
  connectionHelp,
  connectionOptions,
  createOathDirectory,
  parseConnection,
  type Connected,
  type ConnectionFlags,
  type GraphConnection,
  type OathDirectory,
} from "../graph/index.js";
import { printable } from "../present/printable.js";
import { Scrubber } from "../secrets/scrubber.js";
import { describeFailure, type Endpoints } from "./describe-failure.js";
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

export type TenantSession = {
  directory: OathDirectory;
  /** Where sign-in and Graph calls go, for errors that name the step and host that failed. */
  endpoints: Endpoints;
  close(): Promise<void>;
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

/**
A Graph failure that ends a command before it changed anything, as a fatal error (exit 2) naming
the step and host that failed (src/cli/describe-failure.ts).
*/
export function fatalGraphError(error: unknown, session: TenantSession): Promise<unknown> {
  return describeFailure(error, session.endpoints);
}

/**
Signs in (at the first request) and reads who and where from the access token; a failure names
the step and host (sign-in service or Graph) before anything was written.
*/
export async function signIn(session: TenantSession): Promise<Connected> {
  try {
    return await session.directory.connectedTo();
  } catch (error) {
    throw await fatalGraphError(error, session);
  }
}
