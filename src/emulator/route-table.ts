import type { Permission, Principal } from "./permissions.js";
import type { PolicyState } from "./policy-state.js";
import type { Tenant } from "./tenant.js";
import type { EmulatorUser } from "./users.js";

/** A Graph request as the handlers see it, for a top-level request and a `$batch` item alike. */
export type GraphRequest = {
  method: string;
  /** Full URL, e.g. https://127.0.0.1:8443/beta/users/x?$select=id */
  url: URL;
  body: unknown;
  /** Who the bearer token speaks for. */
  principal: Principal;
};

export type GraphResponse = {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (the sign-in pages), with the Content-Type its headers name. */
  text?: string;
};

export type { PolicyState };

export type GraphContext = {
  tenant: Tenant;
  policy: PolicyState;
  pageSize: number;
  /** `$top` above it is refused with 400. */
  maxTop: number;
  /** Every bulk create item fails with this status (nothing created); null: off. */
  bulkItemStatus: number | null;
  /** https://127.0.0.1:port/beta */
  base: string;
};

export type Route = {
  method: string;
  /** Path below /beta, with `{name}` segments. */
  pattern: string;
  /** Writes counted against the write quota: 0 for reads. */
  cost(request: GraphRequest): number;
  /** What the caller needs; checked before the write quota (docs/emulator.md § Permissions). */
  permission: Permission;
  /** Users a request also acts on (create with `assignTo`), and what that needs on each. */
  alsoActsOn?(request: GraphRequest): { permission: Permission; userIds: string[] };
  handle(request: GraphRequest, params: Record<string, string>, ctx: GraphContext): GraphResponse;
};

/** The user a route's `{uid}` names (an id or a UPN): 404 when there is none. */
export function userOf(params: Record<string, string>, ctx: GraphContext): EmulatorUser {
  return ctx.tenant.user(params["uid"] ?? "");
}

export type RouteMatch = { route: Route; params: Record<string, string>; name: string };

/** First route whose method and segments match; literal segments are listed before `{id}` ones. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const segments = path.split("/").filter((s) => s !== "");
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split("/").filter((s) => s !== "");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      const segment = decodeSegment(segments[i] ?? "");
      if (part.startsWith("{")) {
        params[part.slice(1, -1)] = segment;
        return true;
      }
      return part.toLowerCase() === segment.toLowerCase();
    });
    if (ok) return { route, params, name: `${route.method} ${route.pattern}` };
  }
  return undefined;
}

/** Clients may send `$ref` as `%24ref` and a guest's `#EXT#` as `%23EXT%23`. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
