import type { Client } from "@microsoft/microsoft-graph-client";
import { AuthenticationHandlerOptions } from "@microsoft/microsoft-graph-client";
import type { TokenCredential } from "@azure/identity";
import type { Scrubber } from "../secrets/scrubber.js";
import { classify } from "./classify-failure.js";
import { GraphFailure } from "./graph-failure.js";
import { nextPagePath, PageGuard } from "./next-link.js";
import { toPage } from "./odata.js";
import { decide, type RetryLimits } from "./retry-policy.js";
import { freshTokenProvider, fromSdkError } from "./transport.js";

/** One logical Graph request, in the adapter's terms. */
export type Call = {
  /** For messages: what was being done ("create token 60234567"); never a secret. */
  operation: string;
  /** Permission and role named after a 403. */
  needs: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below `${graphUrl}/beta`, path segments already encoded. */
  path: string;
  /** An OData `$filter` expression, unencoded. */
  filter?: string;
  select?: string;
  /** Page size asked for; Graph may send fewer (its maximum is UNCONFIRMED) and next links are followed anyway. */
  top?: number;
  /** Built when the request is sent, so a seed lives no longer than its request. */
  body?: () => unknown;
  /** A POST that changes nothing (a read batch, checkMemberGroups): retried like a read. */
  readOnly?: boolean;
};

export type CallDeps = {
  client: Client;
  credential: TokenCredential;
  /** The scopes of every token request (connection.ts). */
  scopes: readonly string[];
  graphUrl: string;
  scrubber: Scrubber;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  limits: RetryLimits;
  /** Pages one listing may have; more is an error. */
  maxPages: number;
  /** The sign-in refused for the public client, if it was (public-client.ts): rethrown as it is. */
  signInRefusal?: () => Error | null;
};

export type GraphCalls = {
  /** Sends a call: reads are retried per the retry policy; writes only after a 401, once. */
  run: (call: Call) => Promise<unknown>;
  /** The `value` items of every page of a collection, following `@odata.nextLink`. */
  items: (first: Call) => AsyncGenerator<unknown>;
};

export function createGraphCalls(deps: CallDeps): GraphCalls {
  // Graph answered a `$top` listing with 400 and the same listing without it worked: from then on
  // this run asks for no page size (issue #11 item 5; Graph's maximum is not documented).
  let topRefused = false;

  function send(call: Call, freshToken: boolean, withTop: boolean): Promise<unknown> {
    let request = deps.client.api(call.path);
    // The SDK puts query values into the URL as given, so they are encoded here.
    if (call.filter !== undefined) request = request.filter(encodeURIComponent(call.filter));
    if (call.select !== undefined) request = request.select(call.select);
    if (call.top !== undefined && withTop) request = request.top(call.top);
    if (freshToken) {
      const provider = freshTokenProvider(deps.credential, deps.scopes, deps.now());
      request = request.middlewareOptions([new AuthenticationHandlerOptions(provider)]);
    }
    switch (call.method) {
      case "GET":
        return request.get() as Promise<unknown>;
      case "POST":
        return request.post(call.body?.() ?? {}) as Promise<unknown>;
      case "PATCH":
        return request.patch(call.body?.() ?? {}) as Promise<unknown>;
      case "DELETE":
        return request.delete() as Promise<unknown>;
    }
  }

  async function run(call: Call): Promise<unknown> {
    let tokenRefreshed = false;
    let freshToken = false;
    let withTop = !topRefused;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const body = await send(call, freshToken, withTop);
        if (call.top !== undefined && !withTop) topRefused = true;
        return body;
      } catch (error) {
        const refusal = deps.signInRefusal?.() ?? null;
        if (refusal !== null) throw refusal;
        const failure = classify(fromSdkError(error), {
          operation: call.operation,
          needs: call.needs,
          write: !isRead(call),
          scrubber: deps.scrubber,
          nowMs: deps.now(),
        });
        if (failure.status === 400 && call.top !== undefined && withTop) {
          withTop = false; // once, at once: the same listing without `$top`
          continue;
        }
        const decision = decide(failure, { attempt, tokenRefreshed }, deps.random, deps.limits);
        // A write that failed may have been applied: only the core may send it again.
        if (!decision.retry || (!isRead(call) && !decision.refreshToken)) throw failure;
        freshToken = decision.refreshToken;
        tokenRefreshed ||= decision.refreshToken;
        if (decision.delayMs > 0) await deps.sleep(decision.delayMs);
      }
    }
  }

  async function* items(first: Call): AsyncGenerator<unknown> {
    const guard = new PageGuard(first.operation, deps.maxPages);
    let call: Call | null = first;
    while (call !== null) {
      const page = toPage(await run(call));
      yield* page.items;
      if (page.nextLink === null) return;
      // Never follow a link elsewhere: the bearer token must only go to the configured host.
      const path = nextPagePath(page.nextLink, deps.graphUrl, first.operation);
      guard.next(page.nextLink);
      // The link carries the query the server wants for the next page.
      call = { operation: first.operation, needs: first.needs, method: "GET", path };
    }
  }

  return { run, items };
}

const isRead = (call: Call): boolean => call.method === "GET" || call.readOnly === true;

/** A 2xx whose body is not what Graph documents: treated as `unclear` (it may have been applied). */
export function unexpectedResponse(operation: string, detail: string): GraphFailure {
  return new GraphFailure({
    kind: "unclear",
    status: null,
    code: "UnexpectedResponse",
    message: `${operation} failed: ${detail}`,
    requestId: null,
    retryAfterMs: null,
  });
}
