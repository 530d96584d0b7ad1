import { AuthError, TenantError, type OathkitError } from "../errors.js";
import { GraphFailure } from "../graph/graph-failure.js";
import type { GraphFailureInfo } from "../graph/port.js";
import { whyUnreachable } from "./reach-host.js";

/**
Where a command signs in and where it calls Graph (URLs, as the connection has them), and the
tenant it names with where that came from ("--tenant", "profile work", "AZURE_TENANT_ID").
*/
export type Endpoints = {
  signIn: string;
  graph: string;
  tenant?: { id: string; from: string | null } | null | undefined;
};

/** Errors @azure/identity throws: the failure happened at sign-in, before any Graph request. */
const signInErrors = new Set([
  "AuthenticationError",
  "AggregateAuthenticationError",
  "CredentialUnavailableError",
  "AuthenticationRequiredError",
]);
/** MSAL codes for "the sign-in service could not be reached" (no answer, or an untrusted certificate). */
const unreachable =
  /\b(network_error|endpoints_resolution_error|openid_config_error|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET)\b/u;
const trustHint =
  "Trust its CA with NODE_EXTRA_CA_CERTS=<CA file> (oathkit never switches TLS checks off); nothing was changed.";
const aadError = /AADSTS\d+: [^.]*/u;
const host = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
A Graph failure that ends a command, as one sentence naming the step that failed (sign-in or a
Graph call), the host, and why: "could not reach the sign-in service at login.microsoftonline.com:
no such host (ENOTFOUND)", "the sign-in service at … refused the sign-in: AADSTS7000215: Invalid
client secret provided", "could not reach Microsoft Graph at …". Exit 2 (nothing was changed).
Anything else passes through unchanged.
*/
export async function describeFailure(error: unknown, endpoints: Endpoints): Promise<unknown> {
  if (!(error instanceof GraphFailure)) return error;
  const request = error.requestId === null ? "" : ` (request ${error.requestId})`;
  if (error.status === null && error.code !== null && signInErrors.has(error.code))
    return signInFailure(error, endpoints);
  const at = `Microsoft Graph at ${host(endpoints.graph)}`;
  if (error.status === null && error.code === "TlsError") {
    const code = /\(([A-Z_]+)\)/u.exec(error.message)?.[1] ?? "TLS";
    return fatal(
      AuthError,
      `${at} presented a certificate this computer does not trust (${code}).`,
      trustHint,
      error,
    );
  }
  if (error.status === null) {
    const why = (await whyUnreachable(endpoints.graph)) ?? detail(error);
    return fatal(
      TenantError,
      `Could not reach ${at}: ${why}.`,
      `Check the network and --graph-url (${endpoints.graph}), then run the command again; nothing was changed.`,
      error,
    );
  }
  if (error.kind === "auth")
    return fatal(
      AuthError,
      `${at} refused the request: ${error.message}${request}`,
      "Check the account's roles and the app's permissions (Policy.ReadWrite.AuthenticationMethod, UserAuthenticationMethod.ReadWrite.All, User.Read.All); nothing was changed.",
      error,
    );
  return fatal(
    TenantError,
    `${at} answered: ${error.message}${request}`,
    "Run the same command again; nothing was changed, and a job resumes where it stopped.",
    error,
  );
}

async function signInFailure(error: GraphFailure, endpoints: Endpoints): Promise<OathkitError> {
  const signIn = endpoints.signIn;
  const at = `the sign-in service at ${host(signIn)}`;
  const text = detail(error);
  if (unreachable.test(text)) {
    const answered = await whyUnreachable(signIn);
    // The host answered, but not for this tenant: MSAL says endpoints_resolution_error when the
    // tenant's OpenID configuration is refused — Entra's AADSTS90002 "Tenant '…' not found".
    if (answered === null && endpoints.tenant && /endpoints_resolution_error/u.test(text))
      return tenantNotFound(endpoints.tenant, signIn, error);
    const why = answered ?? `it answered, but sign-in failed (${text})`;
    const hint = /certificate/u.test(why)
      ? trustHint
      : `Check the network and --authority-host (${signIn}); nothing was changed.`;
    return fatal(AuthError, `Could not reach ${at}: ${why}.`, hint, error);
  }
  const aad = aadError.exec(text)?.[0];
  if (aad !== undefined || /invalid_client|unauthorized_client|invalid_grant/u.test(text))
    return fatal(
      AuthError,
      `${capital(at)} refused the sign-in: ${aad ?? text}.`,
      "Check --tenant, --client-id and the secret or certificate in the environment; nothing was changed.",
      error,
    );
  return fatal(
    AuthError,
    `Sign-in at ${host(signIn)} failed: ${text}.`,
    "Check the sign-in settings (--auth, --tenant, --client-id); nothing was changed.",
    error,
  );
}

function tenantNotFound(
  tenant: { id: string; from: string | null },
  signIn: string,
  cause: GraphFailure,
): OathkitError {
  const from = tenant.from === null ? "" : ` (from ${tenant.from})`;
  const where = host(signIn) === "login.microsoftonline.com" ? "" : `, or --authority-host`;
  return fatal(
    AuthError,
    `The tenant ${tenant.id}${from} was not found: the sign-in service at ${host(signIn)} does not know it.`,
    `Check the tenant id (a GUID) or its domain (contoso.onmicrosoft.com)${from === "" ? "" : ` in ${tenant.from}`}${where}; nothing was changed.`,
    cause,
  );
}

/** The part of the adapter's message after "(ErrorName): ", i.e. what the library said. */
function detail(error: GraphFailure): string {
  const said = /\(\w+\): (.*)$/su.exec(error.message)?.[1] ?? error.message;
  return said.replace(/\s*See https:\/\/aka\.ms\/\S+ for details\.?/u, "").trim();
}

function fatal(
  kind: typeof AuthError | typeof TenantError,
  message: string,
  hint: string,
  cause: GraphFailure,
): OathkitError {
  return new kind(message.replace(/\.\.$/u, "."), { hint, cause });
}

const capital = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Only a Graph failure is a token's outcome; anything else is a bug and propagates. */
export function asFailure(error: unknown): GraphFailure {
  if (error instanceof GraphFailure) return error;
  throw error;
}

/**
A write the tenant refused for sign-in or permission (or a redirect the adapter refused): the
run stops, naming the request and what to check.
*/
export function authError(failure: GraphFailureInfo): AuthError {
  // A 3xx is a redirect the adapter refused to follow: the host, not the permissions, is wrong.
  const redirected = failure.status !== null && failure.status >= 300 && failure.status < 400;
  return new AuthError(
    `Microsoft Graph refused the request (${failure.status ?? "?"} ${failure.code ?? ""}): ${failure.message}`,
    {
      hint: redirected
        ? "Check --graph-url and any proxy in between: Microsoft Graph does not redirect these requests."
        : "Check the account's roles and the app's permissions (Policy.ReadWrite.AuthenticationMethod, UserAuthenticationMethod.ReadWrite.All, User.Read.All).",
    },
  );
}
