import type { Client } from "@microsoft/microsoft-graph-client";
import { AuthenticationHandlerOptions } from "@microsoft/microsoft-graph-client";
import type { TokenCredential } from "@azure/identity";
import type { Scrubber } from "../secrets/scrubber.js";
import { classify } from "./classify-failure.js";
import { GraphFailure } from "./graph-failure.js";
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
  /** Built when the request is sent, so a seed lives no longer than its request. */
  body?: () => unknown;
};

export type CallDeps = {
  client: Client;
  credential: TokenCredential;
  graphUrl: string;
  scrubber: Scrubber;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  limits: RetryLimits;
};

export type GraphCalls = {
  /** Sends a call: reads are retried per the retry policy; writes only after a 401, once. */
  run: (call: Call) => Promise<unknown>;
  /** The `value` items of every page of a collection, following `@odata.nextLink`. */
  items: (first: Call) => AsyncGenerator<unknown>;
};

export function createGraphCalls(deps: CallDeps): GraphCalls {
  function send(call: Call, freshToken: boolean): Promise<unknown> {
    let request = deps.client.api(call.path);
    // The SDK puts query values into the URL as given, so they are encoded here.
    if (call.filter !== undefined) request = request.filter(encodeURIComponent(call.filter));
    if (call.select !== undefined) request = request.select(call.select);
    if (freshToken) {
      const provider = freshTokenProvider(deps.credential, deps.now());
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
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send(call, freshToken);
      } catch (error) {
        const failure = classify(fromSdkError(error), {
          operation: call.operation,
          needs: call.needs,
          write: call.method !== "GET",
          scrubber: deps.scrubber,
          nowMs: deps.now(),
        });
        const decision = decide(failure, { attempt, tokenRefreshed }, deps.random, deps.limits);
        // A write that failed may have been applied: only the core may send it again.
        if (!decision.retry || (call.method !== "GET" && !decision.refreshToken)) throw failure;
        freshToken = decision.refreshToken;
        tokenRefreshed ||= decision.refreshToken;
        if (decision.delayMs > 0) await deps.sleep(decision.delayMs);
      }
    }
  }

  async function* items(first: Call): AsyncGenerator<unknown> {
    const base = `${deps.graphUrl}/beta/`;
    let call: Call | null = first;
    while (call !== null) {
      const page = toPage(await run(call));
      yield* page.items;
      if (page.nextLink === null) return;
      // Never follow a link elsewhere: the bearer token must only go to the configured host.
      if (!page.nextLink.startsWith(base)) {
        throw unexpectedResponse(first.operation, "the next page link points to another host");
      }
      call = { ...first, path: `/${page.nextLink.slice(base.length)}` };
      delete call.filter;
      delete call.select;
    }
  }

  return { run, items };
}

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
