import { AuthenticationRequiredError } from "@azure/identity";
import { AuthError } from "../errors.js";
import type { GraphConnection } from "./connection.js";
import { connectedTo } from "./connected-to.js";
import { openGraphSession, type OathDirectoryDeps } from "./graph-session.js";
import type { Connected } from "./port.js";
import { tokenGrants, type TokenGrants } from "./token-grants.js";

export type Identity = Connected & TokenGrants & { clientId: string | null; scopesAsked: string[] };

/**
Signs in — or, with `deps.silent`, only uses the profile's cached sign-in — and reports who that
is: tenant, identity, and what the access token grants (login and whoami). No Graph call is made.
*/
export async function whoAmI(
  connection: GraphConnection,
  deps: OathDirectoryDeps & { profile: string },
): Promise<Identity> {
  const { credential } = openGraphSession(connection, deps);
  let token: string;
  try {
    const connected = await connectedTo(connection, credential, deps);
    // The token is cached now: asking again reads it from the cache.
    token = (await credential.getToken([...connection.scopes]))?.token ?? "";
    return {
      ...connected,
      ...tokenGrants(token),
      clientId: connection.clientId,
      scopesAsked: connection.scopes.map((s) =>
        s.replace(/^https:\/\/graph\.microsoft\.com\//u, ""),
      ),
    };
  } catch (error) {
    if (deps.silent === true && isSignInRequired(error)) {
      throw new AuthError(`Not signed in for profile ${deps.profile}.`, {
        hint: "Run `oathkit login` (with the same --profile or tenant options) first.",
      });
    }
    throw error;
  }
}

function isSignInRequired(error: unknown): boolean {
  if (error instanceof AuthenticationRequiredError) return true;
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? `${error.name} ${error.message} ${String(code)}` : "";
  return /AuthenticationRequired|automatic authentication has been disabled/iu.test(text);
}
