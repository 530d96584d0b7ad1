import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DeviceCodeCredential,
  InteractiveBrowserCredential,
  type TokenCredential,
} from "@azure/identity";
import { AuthError } from "../errors.js";
import type { Scrubber } from "../secrets/scrubber.js";
import type { GraphConnection } from "./connection.js";
import { noRedirectOptions, type RedirectLog } from "./redirects.js";
import { readAccount } from "./account-record.js";
import { persistentCache, type TokenCacheSpec } from "./token-cache.js";

export type CredentialDeps = {
  /** Where AZURE_CLIENT_SECRET / AZURE_CLIENT_CERTIFICATE_PATH(/_PASSWORD) are read. */
  env: Readonly<Record<string, string | undefined>>;
  /** Receives the device-code sign-in instructions; the CLI shows them (stderr or the TUI). */
  onDeviceCodePrompt?: (message: string) => void;
  /** The client secret is registered here so it can never reach an error message. */
  scrubber?: Scrubber;
  /** Sign-in redirects refused so far (redirects.ts); `refusingRedirects` reads it. */
  redirectLog?: RedirectLog;
  /** A person's sign-in is cached for this profile (token-cache.ts); none when absent. */
  tokenCache?: TokenCacheSpec;
  /** Only the cached sign-in: never prompt (whoami). */
  silent?: boolean;
};

/** A person's credential options: the profile's cache and account, and whether it may prompt. */
function personOptions(c: GraphConnection, deps: CredentialDeps) {
  const spec = deps.tokenCache;
  const record = spec === undefined ? undefined : readAccount(spec, c);
  return {
    ...(spec === undefined ? {} : { tokenCachePersistenceOptions: persistentCache(spec) }),
    ...(record === undefined ? {} : { authenticationRecord: record }),
    ...(deps.silent === true ? { disableAutomaticAuthentication: true } : {}),
  };
}

/**
Options common to every MSAL-backed mode. Away from the public login host, instance discovery is
turned off: MSAL would otherwise ask login.microsoftonline.com about the authority, which fails
offline and leaks the custom host's name to Microsoft.
*/
function authorityOptions(connection: GraphConnection, deps: CredentialDeps) {
  return {
    authorityHost: connection.authorityHost,
    ...(connection.authorityIsPublic ? {} : { disableInstanceDiscovery: true }),
    // Never follow a redirect on a sign-in request (redirects.ts).
    ...noRedirectOptions(deps.redirectLog ?? { count: 0, last: null }),
  };
}

/** Tenant and client are checked by parseConnection for every mode but azure-cli. */
function ids(connection: GraphConnection): { tenantId: string; clientId: string } {
  if (connection.tenantId === null || connection.clientId === null) {
    throw new AuthError(`--auth ${connection.auth} needs a tenant and a client id.`, {
      hint: "Pass --tenant and --client-id, or set AZURE_TENANT_ID and AZURE_CLIENT_ID.",
    });
  }
  return { tenantId: connection.tenantId, clientId: connection.clientId };
}

function secretFromEnv(deps: CredentialDeps): string {
  const secret = deps.env["AZURE_CLIENT_SECRET"];
  if (secret === undefined || secret === "") {
    throw new AuthError("AZURE_CLIENT_SECRET is not set.", {
      hint: "Set AZURE_CLIENT_SECRET in the environment; it is never read from a flag.",
    });
  }
  deps.scrubber?.add(secret);
  return secret;
}

export function clientSecretCredential(c: GraphConnection, deps: CredentialDeps): TokenCredential {
  const { tenantId, clientId } = ids(c);
  return new ClientSecretCredential(
    tenantId,
    clientId,
    secretFromEnv(deps),
    authorityOptions(c, deps),
  );
}

export function certificateCredential(c: GraphConnection, deps: CredentialDeps): TokenCredential {
  const { tenantId, clientId } = ids(c);
  const certificatePath = deps.env["AZURE_CLIENT_CERTIFICATE_PATH"];
  if (certificatePath === undefined || certificatePath === "") {
    throw new AuthError("AZURE_CLIENT_CERTIFICATE_PATH is not set.", {
      hint: "Set it to a PEM file holding the private key and the certificate.",
    });
  }
  const password = deps.env["AZURE_CLIENT_CERTIFICATE_PASSWORD"];
  if (password !== undefined) deps.scrubber?.add(password);
  return new ClientCertificateCredential(
    tenantId,
    clientId,
    password === undefined
      ? { certificatePath }
      : { certificatePath, certificatePassword: password },
    authorityOptions(c, deps),
  );
}

/** `env`: the Azure SDK variable names, secret first, then certificate. */
export function environmentCredential(c: GraphConnection, deps: CredentialDeps): TokenCredential {
  const secret = deps.env["AZURE_CLIENT_SECRET"];
  return secret !== undefined && secret !== ""
    ? clientSecretCredential(c, deps)
    : certificateCredential(c, deps);
}

export function deviceCodeCredential(c: GraphConnection, deps: CredentialDeps): TokenCredential {
  const prompt = deps.onDeviceCodePrompt;
  // Without a callback the library prints to stdout, which would corrupt --json output.
  if (prompt === undefined) throw new Error("device-code sign-in needs onDeviceCodePrompt");
  return new DeviceCodeCredential({
    ...ids(c),
    ...authorityOptions(c, deps),
    ...personOptions(c, deps),
    userPromptCallback: (info) => prompt(info.message),
  });
}

export function browserCredential(c: GraphConnection, deps: CredentialDeps): TokenCredential {
  return new InteractiveBrowserCredential({
    ...ids(c),
    ...authorityOptions(c, deps),
    ...personOptions(c, deps),
    redirectUri: "http://localhost",
  });
}

export function azureCliCredential(c: GraphConnection): TokenCredential {
  return new AzureCliCredential(c.tenantId === null ? {} : { tenantId: c.tenantId });
}

/** The credential for `connection.auth`. Nothing signs in until the first token is asked for. */
export function createCredential(
  connection: GraphConnection,
  deps: CredentialDeps,
): TokenCredential {
  switch (connection.auth) {
    case "client-secret":
      return clientSecretCredential(connection, deps);
    case "certificate":
      return certificateCredential(connection, deps);
    case "env":
      return environmentCredential(connection, deps);
    case "device-code":
      return deviceCodeCredential(connection, deps);
    case "browser":
      return browserCredential(connection, deps);
    case "azure-cli":
      return azureCliCredential(connection);
  }
}
