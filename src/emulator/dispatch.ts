import { randomUUID } from "node:crypto";
import { errorEnvelope, GraphHttpError } from "./http-error.js";
import { inventoryRoutes } from "./inventory-routes.js";
import { policyRoutes } from "./policy-routes.js";
import type { WriteRateLimiter } from "./rate-limiter.js";
import { authorize } from "./permissions.js";
import type { GraphContext, GraphRequest, GraphResponse, RouteMatch } from "./route-table.js";
import { matchRoute } from "./route-table.js";
import { directoryRoutes } from "./directory-routes.js";
import { userReadRoutes } from "./user-read-routes.js";
import { userRoutes } from "./user-routes.js";

const routes = [
  ...inventoryRoutes,
  ...userReadRoutes,
  ...userRoutes,
  ...policyRoutes,
  ...directoryRoutes,
];

/**
A Graph request that passed routing and the write quota and is ready to be applied. The server
puts its faults between `prepare` and `apply`: a 503 or a reset before, a lost response after.
*/
export type Prepared =
  | { kind: "done"; response: GraphResponse }
  | { kind: "ready"; isWrite: boolean; apply(): GraphResponse };

export type DispatchDeps = {
  ctx: GraphContext;
  limiter: WriteRateLimiter;
  /** The read quota (the same bucket, one read each: a batch's items on their own). */
  readLimiter: WriteRateLimiter;
  clientRequestId: string;
};

/** The Graph error envelope for a failure, with fresh request ids and the emulator's date. */
export function errorResponse(error: GraphHttpError, deps: DispatchDeps): GraphResponse {
  const requestId = randomUUID();
  return {
    status: error.status,
    headers: { ...error.headers, "request-id": requestId },
    body: errorEnvelope(error.code, error.message, {
      requestId,
      clientRequestId: deps.clientRequestId,
      date: new Date(deps.ctx.tenant.now()),
    }),
  };
}

function guard(run: () => GraphResponse, deps: DispatchDeps): GraphResponse {
  try {
    return run();
  } catch (error) {
    if (error instanceof GraphHttpError) return errorResponse(error, deps);
    throw error;
  }
}

/**
`/me/…` is `/users/{signed-in user}/…` for a delegated token; an app token gets Graph's 400
(docs/emulator.md § Routes).
*/
function resolveMe(path: string, request: GraphRequest): string | GraphHttpError {
  const me = /^\/?me(\/.*)?$/u.exec(path);
  if (me === null) return path;
  if (request.principal.kind === "app") {
    return new GraphHttpError(
      400,
      "BadRequest",
      "/me request is only valid with delegated authentication flow.",
    );
  }
  return `/users/${request.principal.userId}${me[1] ?? ""}`;
}

/** 403 unless the caller holds the route's permission (and, for `assignTo`, the assignee's). */
function authorizeRoute(match: RouteMatch, request: GraphRequest, ctx: GraphContext): void {
  const users = ctx.tenant.users;
  const uid = match.params["uid"];
  const target = uid === undefined ? undefined : users.find(uid);
  authorize(request.principal, match.route.permission, users, target);
  const also = match.route.alsoActsOn?.(request);
  for (const id of also?.userIds ?? []) {
    authorize(request.principal, also!.permission, users, users.findById(id));
  }
}

/** `path` is below /beta, without the query. */
export function prepare(request: GraphRequest, path: string, deps: DispatchDeps): Prepared {
  const { ctx, limiter, readLimiter } = deps;
  const counters = ctx.tenant.counters;
  const resolved = resolveMe(path, request);
  if (resolved instanceof GraphHttpError) {
    counters.requests[`${request.method} me`] =
      (counters.requests[`${request.method} me`] ?? 0) + 1;
    return { kind: "done", response: errorResponse(resolved, deps) };
  }
  const match = matchRoute(routes, request.method, resolved);
  if (match === undefined) {
    const error = new GraphHttpError(
      400,
      "BadRequest",
      `Resource not found for ${request.method} /beta${path}.`,
    );
    return { kind: "done", response: errorResponse(error, deps) };
  }
  counters.requests[match.name] = (counters.requests[match.name] ?? 0) + 1;
  try {
    authorizeRoute(match, request, ctx);
  } catch (error) {
    if (!(error instanceof GraphHttpError)) throw error;
    counters.forbidden += 1;
    return { kind: "done", response: errorResponse(error, deps) };
  }
  const cost = match.route.cost(request);
  if (cost > 0) counters.writeRequests += 1;
  const decision = cost > 0 ? limiter.take(cost) : readLimiter.take(1);
  if (!decision.ok) {
    if (cost > 0) counters.throttled += 1;
    else counters.readsThrottled += 1;
    const error = new GraphHttpError(
      429,
      "TooManyRequests",
      `Too many requests: the ${cost > 0 ? "write" : "read"} quota of this application in this tenant is exhausted.`,
      {
        "Retry-After": String(decision.retryAfterSec),
        // Graph's identity service names the limit hit; reads are charged in resource units.
        "x-ms-throttle-information": cost > 0 ? "WriteLimitExceeded" : "ResourceUnitLimitExceeded",
      },
    );
    return { kind: "done", response: errorResponse(error, deps) };
  }
  const load = decision.limitPercentage;
  return {
    kind: "ready",
    isWrite: cost > 0,
    apply: () => {
      const response = guard(() => match.route.handle(request, match.params, ctx), deps);
      // Graph's identity service on a regular response above 80 % use (docs/emulator.md).
      if (load === undefined || response.status >= 400) return response;
      const headers = { ...response.headers, "x-ms-throttle-limit-percentage": load.toFixed(2) };
      return { ...response, headers };
    },
  };
}

/** Whether a request would be charged to the write quota (unknown routes count as reads). */
export function isWriteRequest(request: GraphRequest, path: string): boolean {
  const resolved = resolveMe(path, request);
  if (resolved instanceof GraphHttpError) return false;
  const match = matchRoute(routes, request.method, resolved);
  return match !== undefined && match.route.cost(request) > 0;
}
