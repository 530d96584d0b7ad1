import { isObject } from "./device-input.js";
import type { DispatchDeps } from "./dispatch.js";
import { errorResponse, isWriteRequest, prepare } from "./dispatch.js";
import { badRequest, GraphHttpError } from "./http-error.js";
import { shuffle } from "./prng.js";
import type { Principal } from "./permissions.js";
import type { GraphResponse } from "./route-table.js";

/**
JSON batching (graph-api.md §5.2): at most 20 items, each with its own status; a failed dependency
gives 424; each write item is charged to the write quota on its own and may come back 429 with
its own Retry-After. Responses come back in a shuffled order (seeded), so clients must match by id.
*/
export const maxBatchItems = 20;

type BatchItem = {
  id: string;
  method: string;
  url: string;
  headers: Record<string, unknown>;
  body: unknown;
  dependsOn: string[];
};

function parseItems(body: unknown): BatchItem[] {
  if (!isObject(body) || !Array.isArray(body["requests"])) {
    throw badRequest('A batch needs {"requests": [...]}.');
  }
  const requests = body["requests"] as unknown[];
  if (requests.length === 0) throw badRequest("The batch has no requests.");
  if (requests.length > maxBatchItems) {
    throw badRequest(
      `A batch holds at most ${maxBatchItems} requests; this one has ${requests.length}.`,
    );
  }
  const ids = new Set<string>();
  return requests.map((item, i) => {
    if (!isObject(item) || typeof item["id"] !== "string" || item["id"] === "") {
      throw badRequest(`requests[${i}] needs a string 'id'.`);
    }
    if (ids.has(item["id"])) throw badRequest(`The batch repeats the id '${item["id"]}'.`);
    ids.add(item["id"]);
    if (typeof item["method"] !== "string" || typeof item["url"] !== "string") {
      throw badRequest(`requests[${i}] needs 'method' and 'url'.`);
    }
    const dependsOn = item["dependsOn"];
    if (
      dependsOn !== undefined &&
      !(Array.isArray(dependsOn) && dependsOn.every((d) => typeof d === "string"))
    ) {
      throw badRequest(`requests[${i}].dependsOn must be an array of ids.`);
    }
    return {
      id: item["id"],
      method: item["method"].toUpperCase(),
      url: item["url"],
      headers: isObject(item["headers"]) ? item["headers"] : {},
      body: item["body"],
      dependsOn: dependsOn ?? [],
    };
  });
}

function hasContentType(headers: Record<string, unknown>): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === "content-type");
}

function runItem(
  item: BatchItem,
  deps: DispatchDeps,
  principal: Principal,
  done: Map<string, number>,
): GraphResponse {
  if (item.dependsOn.some((id) => (done.get(id) ?? 424) >= 400)) {
    return errorResponse(
      new GraphHttpError(424, "FailedDependency", "A request this one depends on failed."),
      deps,
    );
  }
  const relative = item.url.replace(/^\/+/u, "");
  if (/^\$batch/u.test(relative) || /^https?:/iu.test(relative)) {
    return errorResponse(
      badRequest("A batch item's url must be relative and not another $batch."),
      deps,
    );
  }
  if (item.body !== undefined && !hasContentType(item.headers)) {
    return errorResponse(badRequest("A batch item with a body needs a Content-Type header."), deps);
  }
  const url = new URL(`${deps.ctx.base}/${relative}`);
  const prepared = prepare(
    { method: item.method, url, body: item.body, principal },
    `/${url.pathname.split("/").slice(2).join("/")}`,
    deps,
  );
  return prepared.kind === "done" ? prepared.response : prepared.apply();
}

/**
Whether any item would write (a read-only action such as checkMemberGroups is a POST, yet a read):
a batch that writes counts as one write for faults.
*/
export function isWriteBatch(body: unknown, base: string, principal: Principal): boolean {
  if (!isObject(body) || !Array.isArray(body["requests"])) return false;
  return (body["requests"] as unknown[]).some((r) => {
    if (!isObject(r) || typeof r["url"] !== "string") return false;
    const method = String(r["method"]).toUpperCase();
    if (method === "GET") return false;
    try {
      const url = new URL(`${base}/${r["url"].replace(/^\/+/u, "")}`);
      const path = `/${url.pathname.split("/").slice(2).join("/")}`;
      return isWriteRequest({ method, url, body: r["body"], principal }, path);
    } catch {
      return true; // a malformed URL: treat as a write, as before
    }
  });
}

export function runBatch(
  body: unknown,
  deps: DispatchDeps,
  random: () => number,
  principal: Principal,
): GraphResponse {
  const items = parseItems(body);
  const done = new Map<string, number>();
  const responses = items.map((item) => {
    const response = runItem(item, deps, principal, done);
    done.set(item.id, response.status);
    return {
      id: item.id,
      status: response.status,
      headers: { "Content-Type": "application/json", ...response.headers },
      ...(response.body === undefined ? {} : { body: response.body }),
    };
  });
  return { status: 200, body: { responses: shuffle(responses, random) } };
}
