import type { TokenCredential } from "@azure/identity";
import { AuthError } from "../errors.js";
import type { Scrubber } from "../secrets/scrubber.js";
import { classify } from "./classify-failure.js";
import type { GraphConnection } from "./connection.js";
import type { Connected } from "./port.js";
import { tokenClaims } from "./token-claims.js";

/**
Signs in (the credential caches the token, so the Graph calls that follow reuse it) and reads
the tenant id and identity from the access token. A token that names no tenant (opaque) falls
back to the tenant the options gave; with neither, the run cannot say which tenant it writes to.
*/
export async function connectedTo(
  connection: GraphConnection,
  credential: TokenCredential,
  deps: { scrubber: Scrubber; now: () => number },
): Promise<Connected> {
  let token: string;
  try {
    const result = await credential.getToken([...connection.scopes]);
    if (result === null) throw new Error("no access token was returned");
    token = result.token;
  } catch (error) {
    throw signInFailure(error, deps);
  }
  const claims = tokenClaims(token);
  const tenantId = claims.tenantId ?? connection.tenantId;
  if (tenantId === null) {
    throw new AuthError("The access token does not say which tenant it is for.", {
      hint: "Pass --tenant <tenant id> so the run knows which tenant it writes to.",
    });
  }
  return {
    tenantId: tenantId.toLowerCase(),
    graphHost: new URL(connection.graphUrl).host.toLowerCase(),
    signedInAs: claims.signedInAs,
    appName: claims.appName,
  };
}

/** What a failed token request is reported as: a sign-in failure, classified, once. */
export function signInFailure(
  error: unknown,
  deps: { scrubber: Scrubber; now: () => number },
): Error {
  if (error instanceof AuthError) return error; // already one sentence (public-client.ts)
  return classify(
    {
      status: null,
      code: error instanceof Error ? error.name : null,
      message: error instanceof Error ? error.message : String(error),
      requestId: null,
      retryAfter: null,
    },
    { operation: "sign in", write: false, scrubber: deps.scrubber, nowMs: deps.now() },
  );
}
