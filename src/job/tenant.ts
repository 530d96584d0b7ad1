import type { RunTarget } from "../events/run-target.js";
import { utc, type AuditBase } from "../files/report-header.js";
import type { Connected, OathDirectory } from "../graph/port.js";
import { oathkitVersion } from "../version.js";
import { describeFailure, type Endpoints } from "./fatal-error.js";

/** A tenant as a command opened it: the Graph port, where it signs in and calls, and its end. */
export type TenantSession = {
  directory: OathDirectory;
  /** Where sign-in and Graph calls go, for errors that name the step and host that failed. */
  endpoints: Endpoints;
  /** What the token does not say: the domain the options named the tenant by; --emulator. */
  place?: TenantPlace;
  close(): Promise<void>;
};

export type TenantPlace = { tenantDomain: string | null; emulator: boolean };

/**
The one way a command uses a tenant: open it (the CLI builds the real one: Graph, or the
in-process emulator), do the work, and close it. A Graph failure that ends the work — sign-in,
pre-flight, a listing — becomes the fatal error naming its step and host (exit 2,
job/fatal-error.ts); anything else passes through unchanged.
*/
export async function inTenant<T>(
  open: () => Promise<TenantSession>,
  work: (session: TenantSession) => Promise<T>,
): Promise<T> {
  const session = await open();
  try {
    return await work(session).catch(async (error: unknown) => {
      throw await describeFailure(error, session.endpoints);
    });
  } finally {
    await session.close();
  }
}

/** Signs in (at the first request) and reads who and where from the access token. */
export function signIn(session: TenantSession): Promise<Connected> {
  return session.directory.connectedTo();
}

/** The report header's audit fields known once signed in: who runs what, where, since when. */
export function auditFor(
  connected: Connected,
  run: {
    commandLine: string;
    input: string | null;
    inputSha256: string | null;
    journal: string;
    startedAt: number;
    notes?: readonly string[];
  },
): AuditBase {
  return {
    oathkitVersion,
    commandLine: run.commandLine,
    tenantId: connected.tenantId,
    graphHost: connected.graphHost,
    signedInAs: connected.signedInAs,
    input: run.input,
    inputSha256: run.inputSha256,
    journal: run.journal,
    startedAt: utc(run.startedAt),
    notes: run.notes ?? [],
  };
}

/**
Where a run writes and as whom, for the pre-flight (events/run-target.ts): the signed-in tenant,
host and identity, and what the session knows beside them.
*/
export function runTarget(
  connected: Pick<Connected, "tenantId" | "graphHost" | "signedInAs" | "appName">,
  place: TenantPlace | undefined,
): RunTarget {
  const who = connected.signedInAs;
  return {
    tenantId: connected.tenantId,
    tenantDomain: place?.tenantDomain ?? null,
    graphHost: connected.graphHost,
    signedInAs:
      who === null
        ? null
        : { ...who, name: who.kind === "app" ? (connected.appName ?? null) : null },
    emulator: place?.emulator ?? false,
  };
}
