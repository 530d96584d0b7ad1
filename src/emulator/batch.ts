import { isObject } from "./device-input.js";
import type { DispatchDeps, Prepared } from "./dispatch.js";
import { errorResponse, isWriteRequest, prepare } from "./dispatch.js";
import { badRequest, GraphHttpError } from "./http-error.js";
import { shuffle } from "./prng.js";
import type { Principal } from "./permissions.js";
import type { GraphRequest, GraphResponse } from "./route-table.js";

/**
JSON batching (graph-api.md §5.2): at most 20 items, each with its own status; a failed dependency
gives 424; each write item is charged to the write quota on its own and may come back 429 with
its own Retry-After. Responses come back in a shuffled order (seeded), so clients must match by id.
*/
export const maxBatchItems = 20;

type BatchItem = {
  id: string;
  /** The item's url without its leading slashes (below /beta). */
  relative: string;
  /** The request as the routes see it, and its path below /beta. */
  request: GraphRequest;
  path: string;
  headers: Record<string, unknown>;
  dependsOn: string[];
};

function parseItems(body: unknown, base: string, principal: Principal): BatchItem[] {
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
    const relative = item["url"].replace(/^\/+/u, "");
    const url = new URL(`${base}/${relative}`);
    return {
      id: item["id"],
      relative,
      request: { method: item["method"].toUpperCase(), url, body: item["body"], principal },
      path: `/${url.pathname.split("/").slice(2).join("/")}`,
      headers: isObject(item["headers"]) ? item["headers"] : {},
      dependsOn: dependsOn ?? [],
    };
  });
}

function hasContentType(headers: Record<string, unknown>): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === "content-type");
}

function runItem(item: BatchItem, deps: DispatchDeps, done: Map<string, number>): GraphResponse {
  if (item.dependsOn.some((id) => (done.get(id) ?? 424) >= 400)) {
    return errorResponse(
      new GraphHttpError(424, "FailedDependency", "A request this one depends on failed."),
      deps,
    );
  }
  const { relative, request } = item;
  if (/^\$batch/u.test(relative) || /^https?:/iu.test(relative)) {
    return errorResponse(
      badRequest("A batch item's url must be relative and not another $batch."),
      deps,
    );
  }
  if (request.body !== undefined && !hasContentType(item.headers)) {
    return errorResponse(badRequest("A batch item with a body needs a Content-Type header."), deps);
  }
  const prepared = prepare(request, item.path, deps);
  return prepared.kind === "done" ? prepared.response : prepared.apply();
}

/**
A `POST /$batch`, its items read once: a batch the emulator cannot read is a 400 at once; one that
would write in any item (a read-only action such as checkMemberGroups is a POST, yet a read)
counts as one write for faults.
*/
export function prepareBatch(
  body: unknown,
  deps: DispatchDeps & { random: () => number },
  principal: Principal,
): Prepared {
  const counters = deps.ctx.tenant.counters;
  counters.requests["POST $batch"] = (counters.requests["POST $batch"] ?? 0) + 1;
  let items: BatchItem[];
  try {
    items = parseItems(body, deps.ctx.base, principal);
  } catch (error) {
    if (!(error instanceof GraphHttpError)) throw error;
    return { kind: "done", response: errorResponse(error, deps) };
  }
  return {
    kind: "ready",
    isWrite: items.some((i) => i.request.method !== "GET" && isWriteRequest(i.request, i.path)),
    apply: () => runBatch(items, deps),
  };
}

function runBatch(
  items: BatchItem[],
  deps: DispatchDeps & { random: () => number },
): GraphResponse {
  const done = new Map<string, number>();
  const responses = items.map((item) => {
    const response = runItem(item, deps, done);
    done.set(item.id, response.status);
    return {
      id: item.id,
      status: response.status,
      headers: { "Content-Type": "application/json", ...response.headers },
      ...(response.body === undefined ? {} : { body: response.body }),
    };
  });
  return { status: 200, body: { responses: shuffle(responses, deps.random) } };
}
