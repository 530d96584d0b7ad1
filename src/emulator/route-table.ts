import type { Tenant } from "./tenant.js";

/** A Graph request as the handlers see it, for a top-level request and a `$batch` item alike. */
export type GraphRequest = {
  method: string;
  /** Full URL, e.g. https://127.0.0.1:8443/beta/users/x?$select=id */
  url: URL;
  body: unknown;
};

export type GraphResponse = {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
};

export type PolicyState = { state: "enabled" | "disabled" };

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
  handle(request: GraphRequest, params: Record<string, string>, ctx: GraphContext): GraphResponse;
};

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
