import { authModes, type AuthMode } from "./auth-modes.js";
import { z } from "zod";
import { AuthError, UsageError } from "../errors.js";
import {
  checkEndpoint,
  defaultAuthorityHost,
  defaultGraphUrl,
  officialGraphHost,
  officialLoginHost,
} from "./host-rules.js";
import { refuseDisabledTls } from "./tls-environment.js";
import { publicClientId, tokenScopes, type Purpose } from "./command-scopes.js";

/**
Where and how to sign in, as the user gave it — flags, the guided flow's form, or the in-process
emulator's own endpoints. Absent fields fall back to the environment, then to Microsoft's hosts.
*/
export type ConnectionSettings = {
  tenant?: string | undefined;
  clientId?: string | undefined;
  auth?: string | undefined;
  cloud?: string | undefined;
  graphUrl?: string | undefined;
  authorityHost?: string | undefined;
  allowHosts?: readonly string[] | undefined;
  /** What the command does: a delegated sign-in asks for that much (command-scopes.ts). @default "write" */
  purpose?: Purpose | undefined;
};

/** Where and how to sign in. Holds no secret: secrets are read from the environment at sign-in. */
export type GraphConnection = {
  tenantId: string | null;
  clientId: string | null;
  auth: AuthMode;
  cloud: "global";
  /** Normalised, no trailing slash; requests go to `${graphUrl}/beta/...`. */
  graphUrl: string;
  authorityHost: string;
  /** False when pointed at anything but login.microsoftonline.com (no instance discovery then). */
  authorityIsPublic: boolean;
  /** The scopes of every token request: the command's delegated permissions, or `.default`. */
  scopes: readonly string[];
  /** Device-code or browser sign-in with Microsoft Graph PowerShell's client (no --client-id given). */
  publicClient: boolean;
};

/** The modes that sign a person in (delegated permissions, a refresh token worth caching). */
export const personModes: readonly AuthMode[] = ["device-code", "browser"];

const nonEmpty = z.string().trim().min(1);
const settingsSchema = z.object({
  tenant: nonEmpty.optional(),
  clientId: nonEmpty.optional(),
  auth: nonEmpty.optional(),
  cloud: nonEmpty.optional(),
  graphUrl: nonEmpty.optional(),
  authorityHost: nonEmpty.optional(),
  allowHosts: z.array(nonEmpty).optional(),
  purpose: z.enum(["read", "write", "sign-in"]).optional(),
});

/** The flag that gives each setting, for messages: the user fixes a setting by its flag. */
const flagOf: Record<keyof ConnectionSettings, string> = {
  tenant: "--tenant",
  clientId: "--client-id",
  auth: "--auth",
  cloud: "--cloud",
  graphUrl: "--graph-url",
  authorityHost: "--authority-host",
  allowHosts: "--allow-host",
  purpose: "the command",
};

function envValue(env: Readonly<Record<string, string | undefined>>, name: string) {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/**
Resolves the connection settings with the environment (settings win) and applies the host rules.
Throws UsageError (bad value) or AuthError (refused host, missing secret, TLS checks switched off
by NODE_TLS_REJECT_UNAUTHORIZED=0): both exit 2.
*/
export function resolveConnection(
  settings: ConnectionSettings,
  env: Readonly<Record<string, string | undefined>>,
): GraphConnection {
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0] as keyof ConnectionSettings | undefined;
    throw new UsageError(
      `${field === undefined ? "An option" : flagOf[field]} needs a non-empty value.`,
      {
        hint: "Run the command with --help to see the tenant options.",
      },
    );
  }
  const f = parsed.data;
  refuseDisabledTls(env);
  const cloud = f.cloud ?? "global";
  if (cloud.toLowerCase() !== "global") {
    throw new UsageError(`--cloud ${cloud} is not supported.`, {
      hint: "Hardware OATH endpoints exist only in the global cloud; use --cloud global.",
    });
  }
  const secretSet = envValue(env, "AZURE_CLIENT_SECRET") !== undefined;
  const certSet = envValue(env, "AZURE_CLIENT_CERTIFICATE_PATH") !== undefined;
  const authText = f.auth ?? (secretSet || certSet ? "env" : "device-code");
  const auth = authModes.find((m) => m === authText);
  if (auth === undefined) {
    throw new UsageError(`--auth ${authText} is not a sign-in mode.`, {
      hint: `Use one of ${authModes.join(", ")}.`,
    });
  }
  const allowHosts = f.allowHosts ?? [];
  const graph = checkEndpoint(
    "--graph-url",
    f.graphUrl ?? defaultGraphUrl,
    officialGraphHost,
    allowHosts,
  );
  const authority = checkEndpoint(
    "--authority-host",
    f.authorityHost ?? envValue(env, "AZURE_AUTHORITY_HOST") ?? defaultAuthorityHost,
    officialLoginHost,
    allowHosts,
  );
  const tenantId = f.tenant ?? envValue(env, "AZURE_TENANT_ID") ?? null;
  const givenClient = f.clientId ?? envValue(env, "AZURE_CLIENT_ID") ?? null;
  const person = personModes.includes(auth);
  const clientId = givenClient ?? (person ? publicClientId : null);
  // A profile a person's login saved names the public client: still the public client.
  const publicClient = person && clientId === publicClientId;
  requireSettings(auth, tenantId, clientId, { secretSet, certSet });
  const authorityIsPublic =
    authority.hostname.toLowerCase() === officialLoginHost && authority.pathname === "/";
  if (auth === "azure-cli" && !authorityIsPublic) {
    throw new UsageError("--auth azure-cli cannot use a custom --authority-host.", {
      hint: "The Azure CLI signs in through its own cloud; pick client-secret or device-code.",
    });
  }
  return {
    tenantId,
    clientId,
    auth,
    cloud: "global",
    graphUrl: graph.href.replace(/\/$/u, ""),
    authorityHost: authority.href.replace(/\/$/u, ""),
    authorityIsPublic,
    scopes: tokenScopes(person, f.purpose ?? "write"),
    publicClient,
  };
}

function requireSettings(
  auth: AuthMode,
  tenantId: string | null,
  clientId: string | null,
  has: { secretSet: boolean; certSet: boolean },
): void {
  if (auth === "azure-cli") return;
  if (tenantId === null) {
    throw new UsageError("No tenant is given.", {
      hint: "Pass --tenant <tenant id or domain> or set AZURE_TENANT_ID.",
    });
  }
  if (clientId === null) {
    throw new UsageError("No client id is given.", {
      hint: "Pass --client-id <app id> or set AZURE_CLIENT_ID (an app registration in the tenant), or sign in as a person with --auth device-code.",
    });
  }
  if (auth === "client-secret" && !has.secretSet) {
    throw new AuthError("--auth client-secret needs AZURE_CLIENT_SECRET.", {
      hint: "Set AZURE_CLIENT_SECRET in the environment; it is never read from a flag.",
    });
  }
  if (auth === "certificate" && !has.certSet) {
    throw new AuthError("--auth certificate needs AZURE_CLIENT_CERTIFICATE_PATH.", {
      hint: "Set AZURE_CLIENT_CERTIFICATE_PATH to a PEM file with the key and certificate.",
    });
  }
  if (auth === "env" && !has.secretSet && !has.certSet) {
    throw new AuthError("--auth env needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH.", {
      hint: "Set one of them, or pick --auth device-code to sign in as yourself.",
    });
  }
}
