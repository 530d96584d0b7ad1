import type { ClientSecretCredentialOptions, TokenCredential } from "@azure/identity";

/**
No request oathkit makes follows a redirect (issue #15): a 3xx is a failure of that request,
reported with the host its `Location` names, and nothing is re-sent — not to that host, not to
the same one. Two HTTP stacks are involved: global fetch under the Graph client (transport.ts
asks it for `redirect: "manual"` and turns a 3xx into the error below) and the Azure SDK pipeline
under @azure/identity/MSAL (its redirect policy is switched off and `refuseRedirectsPolicy` fails
the request). docs/graph-adapter.md § Redirects.
*/

/** The `code` of a refused redirect, in Graph errors and sign-in errors alike. */
export const redirectCode = "Redirect";

/** Where a `Location` points, as scheme and host only (a path or query may carry anything). */
export function redirectTarget(location: string | null, requestUrl: string): string {
  if (location === null || location.trim() === "") return "no location";
  try {
    const url = new URL(location, requestUrl);
    const where = `${url.protocol}//${url.host}`;
    return where.length > 120 ? `${where.slice(0, 120)}…` : where;
  } catch {
    return "an unreadable location";
  }
}

export function redirectMessage(status: number, target: string): string {
  return `the server answered ${status} with a redirect to ${target}; oathkit never follows a redirect (check the URL and any proxy in between)`;
}

/** A refused sign-in redirect: its `name` becomes the failure's code (classify-failure.ts). */
export class RedirectRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = redirectCode;
  }
}

type PipelinePolicy = NonNullable<ClientSecretCredentialOptions["additionalPolicies"]>[number];
type PipelineResponse = Awaited<ReturnType<PipelinePolicy["policy"]["sendRequest"]>>;

/** What the sign-in pipeline refused last; read by `refusingRedirects` to name it. */
export type RedirectLog = { count: number; last: string | null };

/**
Options for every @azure/identity credential: the pipeline's own redirect policy follows
same-origin 300/301/302/303/307 (re-sending the client secret) unless told `maxRetries: 0`, and a
per-call policy fails any 3xx that arrives. MSAL wraps what the network client throws into its
own error, so the refusal is also logged for `refusingRedirects`.
*/
export function noRedirectOptions(
  log: RedirectLog,
): Pick<ClientSecretCredentialOptions, "redirectOptions" | "additionalPolicies"> {
  const policy: PipelinePolicy["policy"] = {
    name: "oathkitRefuseRedirects",
    async sendRequest(request, next): Promise<PipelineResponse> {
      const response = await next(request);
      if (response.status < 300 || response.status > 399) return response;
      const target = redirectTarget(response.headers.get("location") ?? null, request.url);
      const message = `sign-in: ${redirectMessage(response.status, target)}`;
      log.count += 1;
      log.last = message;
      throw new RedirectRefused(message);
    },
  };
  return {
    redirectOptions: { maxRetries: 0 },
    additionalPolicies: [{ policy, position: "perCall" }],
  };
}

/** The credential, with a sign-in failure caused by a refused redirect reported as that. */
export function refusingRedirects(credential: TokenCredential, log: RedirectLog): TokenCredential {
  return {
    async getToken(scopes, options) {
      const before = log.count;
      try {
        return await credential.getToken(scopes, options);
      } catch (error) {
        if (log.count > before && log.last !== null) throw new RedirectRefused(log.last);
        throw error;
      }
    },
  };
}

/**
For the Graph client: fetch was asked not to follow, so a 3xx arrives here. Its body is never read;
it is replaced by a Graph-shaped error with the same status, so the SDK reports status, code and
headers as for any other error (a 304 cannot carry a body and is left as it is: still a 3xx).
*/
export async function refusedRedirectResponse(
  response: Response,
  requestUrl: string,
): Promise<Response> {
  if (response.status < 300 || response.status > 399 || response.status === 304) return response;
  await response.body?.cancel().catch(() => undefined);
  const target = redirectTarget(response.headers.get("location"), requestUrl);
  const headers = new Headers({ "content-type": "application/json" });
  for (const name of ["date", "request-id", "client-request-id"]) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const body = { error: { code: redirectCode, message: redirectMessage(response.status, target) } };
  return new Response(JSON.stringify(body), { status: response.status, headers });
}
