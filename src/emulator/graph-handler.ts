import type { AccessTokens } from "./access-tokens.js";
import { prepareBatch } from "./batch.js";
import type { DispatchDeps } from "./dispatch.js";
import { errorResponse, prepare } from "./dispatch.js";
import type { FaultPlan } from "./faults.js";
import { GraphHttpError } from "./http-error.js";
import type { GraphResponse } from "./route-table.js";

/**
One request under /beta, from bearer check to the fault plan: what the socket layer should do is
returned as data, so the order of events is visible here: 401 → JSON → route → write quota →
503/reset (not applied) → apply → lost (applied, then 504 or a dropped connection).
*/
export type GraphOutcome =
  { kind: "respond"; response: GraphResponse } | { kind: "reset" } | { kind: "drop" };

export type GraphHandlerDeps = DispatchDeps & {
  tokens: AccessTokens;
  random: () => number;
  /** Draws the fault for a write (never called for reads). */
  planFault: () => FaultPlan;
  /** authorization_uri for WWW-Authenticate. */
  authorizeUrl: string;
};

const tokenProblems = {
  missing: "Access token is empty.",
  expired: "Lifetime validation failed, the token is expired.",
  unknown: "Access token validation failure. The token was not issued by this tenant.",
};

function fail(deps: DispatchDeps, status: number, code: string, message: string): GraphOutcome {
  return {
    kind: "respond",
    response: errorResponse(new GraphHttpError(status, code, message), deps),
  };
}

export function handleGraph(
  request: { method: string; url: URL; text: string; authorization: string | undefined },
  deps: GraphHandlerDeps,
): GraphOutcome {
  const auth = deps.tokens.check(request.authorization);
  if (auth.result !== "ok") {
    const outcome = fail(deps, 401, "InvalidAuthenticationToken", tokenProblems[auth.result]);
    if (outcome.kind === "respond") {
      outcome.response.headers = {
        ...outcome.response.headers,
        "WWW-Authenticate": `Bearer realm="", authorization_uri="${deps.authorizeUrl}", client_id="00000003-0000-0000-c000-000000000000", error="invalid_token"`,
      };
    }
    return outcome;
  }
  let body: unknown;
  try {
    body = request.text === "" ? undefined : JSON.parse(request.text);
  } catch {
    return fail(deps, 400, "BadRequest", "Unable to read JSON request payload.");
  }
  const path = request.url.pathname.slice("/beta".length) || "/";
  const prepared =
    /^\/(\$|%24)batch$/iu.test(path) && request.method === "POST"
      ? prepareBatch(body, deps, auth.principal)
      : prepare(
          { method: request.method, url: request.url, body, principal: auth.principal },
          path,
          deps,
        );
  if (prepared.kind === "done") return { kind: "respond", response: prepared.response };

  const fault: FaultPlan = prepared.isWrite ? deps.planFault() : { kind: "none" };
  const faults = deps.ctx.tenant.counters.faults;
  if (fault.kind === "503") {
    faults["503"] += 1;
    return fail(deps, 503, "ServiceUnavailable", "The service is temporarily unavailable.");
  }
  if (fault.kind === "reset") {
    faults.reset += 1;
    return { kind: "reset" };
  }
  const response = prepared.apply();
  if (fault.kind === "lost") {
    faults.lost += 1;
    return fault.as === "drop"
      ? { kind: "drop" }
      : fail(deps, 504, "GatewayTimeout", "The gateway timed out.");
  }
  return { kind: "respond", response };
}
