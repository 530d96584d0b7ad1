import { resolve } from "node:path";
import type { Purpose } from "../graph/command-scopes.js";
import type { ConnectionSettings, GraphConnection } from "../graph/connection.js";
import type { Endpoints } from "../job/fatal-error.js";
import type { TenantSession } from "../job/tenant.js";
import { printable } from "../present/printable.js";
import { Scrubber } from "../secrets/scrubber.js";
import { UsageError } from "../errors.js";
import type { TokenCacheSpec } from "../graph/token-cache.js";
import type { CliIo } from "./io.js";
import { chosenProfile, profilesFile, readProfiles, withProfile } from "./profiles.js";
import { cacheFolder } from "./user-folders.js";
import { signInFlags } from "./sign-in-flags.js";
import type { ValuesOf } from "./options/declare.js";
import type { tenantSection } from "./options/tenant.js";

/** Which tenant a command reaches: one the settings name (through Graph), or a fresh emulator. */
export type TenantTarget =
  | {
      kind: "graph";
      settings: ConnectionSettings;
      profile?: string | undefined;
      /** Where a tenant in `settings` came from, for messages; "--tenant" when not said. */
      tenantFrom?: string | undefined;
    }
  | { kind: "emulator"; usersFile: string | undefined };

/** The tenant options (options/tenant.ts), parsed, as the target they name. */
export function tenantTarget(
  flags: ValuesOf<typeof tenantSection.options>,
  purpose: Purpose,
): TenantTarget {
  if (flags.emulator) return { kind: "emulator", usersFile: flags["emulator-users"] };
  return {
    kind: "graph",
    profile: flags.profile,
    settings: signInFlags(flags, purpose),
  };
}

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
Opens the tenant a command reaches: the Graph adapter for the settings given, or an in-process
emulator signed in to through the same Graph and sign-in path (client secret, TLS verified against
the emulator's own CA). The Graph stack and the emulator are loaded only here, when a command
reaches a tenant.
*/
export async function openTenant(
  target: TenantTarget,
  io: TenantIo,
  scrubber = new Scrubber(),
): Promise<TenantSession> {
  const { createOathDirectory, resolveConnection } = await import("../graph/index.js");
  const deps = { scrubber, now: Date.now, onDeviceCodePrompt: io.onDeviceCodePrompt };
  if (target.kind === "graph") {
    const { settings, profile, cache } = await signInSettings(target, io.env);
    const connection = resolveConnection(settings, io.env);
    const directory = createOathDirectory(connection, { ...deps, env: io.env, tokenCache: cache });
    const from = tenantSource(target.settings.tenant, settings.tenant, profile, target.tenantFrom);
    return {
      directory,
      endpoints: endpointsOf(connection, from),
      place: { tenantDomain: domainNamed(connection.tenantId), emulator: false },
      close: () => Promise.resolve(),
    };
  }
  const { sampleUsersFile, startInProcessEmulator } = await import("../emulator/index.js");
  const { connection: c, emulator } = await startInProcessEmulator({
    usersFile: target.usersFile === undefined ? sampleUsersFile : resolve(io.cwd, target.usersFile),
  });
  try {
    const env = { ...io.env, AZURE_CLIENT_SECRET: c.clientSecret };
    const connection = resolveConnection(
      {
        tenant: c.tenantId,
        clientId: c.clientId,
        auth: "client-secret",
        graphUrl: c.graphUrl,
        authorityHost: c.authorityHost,
      },
      env,
    );
    const directory = createOathDirectory(connection, { ...deps, env });
    return {
      directory,
      endpoints: endpointsOf(connection),
      place: { tenantDomain: null, emulator: true },
      close: () => emulator.stop(),
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/**
The settings with the chosen profile's values under the flags (profiles.ts), and where a
person's sign-in is cached: per profile ("default" without one, used only for the same
authority, tenant and client — account-record.ts).
*/
export async function signInSettings(
  target: { settings: ConnectionSettings; profile?: string | undefined },
  env: NodeJS.ProcessEnv,
  options: { create: boolean } = { create: false },
): Promise<{ settings: ConnectionSettings; profile: string; cache: TokenCacheSpec }> {
  const name = chosenProfile(target.profile, env);
  let settings = target.settings;
  if (name !== undefined) {
    const profile = (await readProfiles(env))[name] ?? (options.create ? {} : undefined);
    if (profile === undefined) {
      throw new UsageError(`There is no profile ${name} in ${profilesFile(env)}.`, {
        hint: "`oathkit profiles` lists them; `oathkit login --profile <name> …` creates one.",
      });
    }
    settings = withProfile(settings, profile);
  }
  const profile = name ?? "default";
  return { settings, profile, cache: { dir: cacheFolder(env), profile } };
}

/**
Where the tenant id came from, for a message about it: the flag (or what the caller calls it, such
as the guided tenant step), else the profile, else the environment.
*/
export function tenantSource(
  given: string | undefined,
  resolved: string | undefined,
  profile: string,
  givenAs = "--tenant",
): string {
  if (given !== undefined) return givenAs;
  return resolved !== undefined ? `the profile ${profile}` : "AZURE_TENANT_ID";
}

/** `tenantFrom`: where the tenant id came from (--tenant, a profile, AZURE_TENANT_ID), if known. */
export function endpointsOf(
  connection: GraphConnection,
  tenantFrom: string | null = null,
): Endpoints {
  const tenant =
    connection.tenantId === null ? null : { id: connection.tenantId, from: tenantFrom };
  return { signIn: connection.authorityHost, graph: connection.graphUrl, tenant };
}

/**
The tenant's domain when the options (a flag, the profile, AZURE_TENANT_ID) named the tenant by
one (`contoso.onmicrosoft.com`): the pre-flight shows it beside the id from the token, at no cost
of a Graph call. A GUID, or Entra's `organizations`/`common`, names no domain.
*/
function domainNamed(tenant: string | null): string | null {
  if (tenant === null || !tenant.includes(".")) return null;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(tenant)
    ? null
    : tenant.toLowerCase();
}
