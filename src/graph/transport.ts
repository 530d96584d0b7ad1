import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import type { TokenCredential } from "@azure/identity";
import { transportErrorNames, type RawFailure } from "./classify-failure.js";
import type { GraphConnection } from "./connection.js";
import type { DateSample } from "./port.js";
import { boundedResponse } from "./bounded-body.js";
import { refusedRedirectResponse } from "./redirects.js";

export type TransportOptions = {
  /** Wall clock for the Date samples. */
  now: () => number;
  /** Per-attempt limit for GET. @default 30000 */
  readTimeoutMs?: number;
  /** Per-attempt limit for POST/PATCH/DELETE; an abort is an `unclear` failure. @default 30000 */
  writeTimeoutMs?: number;
  onDateSample: (sample: DateSample) => void;
  /**
  Each successful write's `x-ms-throttle-limit-percentage` (the share of the write limit used,
  sent above 0.8), or null when it carried none.
  */
  onWriteLoad?: (load: number | null) => void;
};

/** The header as a share (0.8–1.8 documented); anything else is not a reading. */
export function limitPercentage(value: string | null | undefined): number | null {
  if (value == null || !/^\s*\d+(\.\d+)?\s*$/u.test(value)) return null;
  const share = Number(value);
  return share >= 0 && share <= 10 ? share : null;
}

/** An error thrown before any HTTP response: named so `classify` can tell the kinds apart. */
class TransportError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

function describeFetchError(error: unknown, timedOut: boolean): TransportError {
  if (timedOut) return new TransportError(transportErrorNames.timeout, "the request timed out");
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown }) : {};
  const code = typeof cause?.code === "string" ? cause.code : "";
  const detail = typeof cause?.message === "string" ? cause.message : String(error);
  if (/CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|ERR_TLS|ERR_SSL/u.test(code)) {
    return new TransportError(
      transportErrorNames.tls,
      `the TLS certificate is not trusted (${code})`,
    );
  }
  return new TransportError(
    transportErrorNames.network,
    code === "" ? detail : `${code}: ${detail}`,
  );
}

/**
Sits between authentication and HTTP: sends only to the Graph origin, never follows a redirect,
gives each attempt its own timeout, records the `Date` header of every response (errors too) and
the write-limit use of each successful write, names transport failures and reads no body past its
limit (bounded-body.ts).
*/
class AttemptHandler implements Middleware {
  #next: Middleware | undefined;
  readonly #options: TransportOptions;
  readonly #origin: string;

  constructor(options: TransportOptions, graphUrl: string) {
    this.#options = options;
    this.#origin = new URL(graphUrl).origin;
  }

  setNext(next: Middleware): void {
    this.#next = next;
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    // The SDK reads any "https://" in a path as a host (graph-calls.ts); the last line of defence.
    if (new URL(url).origin !== this.#origin) {
      throw new TransportError(
        transportErrorNames.hostRefused,
        `refused to send a request to ${new URL(url).host}: only ${this.#origin} is configured`,
      );
    }
    const method = (context.options?.method ?? "GET").toUpperCase();
    const ms =
      method === "GET"
        ? (this.#options.readTimeoutMs ?? 30_000)
        : (this.#options.writeTimeoutMs ?? 30_000);
    const timeout = AbortSignal.timeout(ms);
    const options = context.options ?? {};
    options.signal = options.signal == null ? timeout : AbortSignal.any([options.signal, timeout]);
    options.redirect = "manual"; // fetch would follow 301/302/303/307/308, body and all
    context.options = options;
    const sentAtMs = this.#options.now();
    let receivedAtMs: number;
    try {
      await this.#next?.execute(context);
      receivedAtMs = this.#options.now();
      if (context.response !== undefined) {
        context.response = await boundedResponse(
          await refusedRedirectResponse(context.response, url),
        );
      }
    } catch (error) {
      throw describeFetchError(error, timeout.aborted);
    }
    const response = context.response;
    if (method !== "GET" && response?.ok === true)
      this.#options.onWriteLoad?.(
        limitPercentage(response.headers.get("x-ms-throttle-limit-percentage")),
      );
    const serverDate = response?.headers.get("date");
    if (serverDate != null && serverDate !== "") {
      this.#options.onDateSample({ sentAtMs, receivedAtMs, serverDate });
    }
  }
}

/**
The SDK client with our own chain — authentication → attempt handler → HTTP — and deliberately
no RetryHandler: it re-sends identical bodies, i.e. stale TOTP codes and unreconciled creates.
*/
export function createGraphClient(
  connection: GraphConnection,
  credential: TokenCredential,
  options: TransportOptions,
): Client {
  const provider = new TokenCredentialAuthenticationProvider(credential, {
    scopes: [...connection.scopes],
  });
  const auth = new AuthenticationHandler(provider);
  const attempt = new AttemptHandler(options, connection.graphUrl);
  auth.setNext(attempt);
  attempt.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: connection.graphUrl,
    defaultVersion: "beta",
    // v3 attaches the bearer token only to Graph hosts and these (host names, no port).
    customHosts: new Set([new URL(connection.graphUrl).hostname]),
  });
}

/**
A provider that bypasses the token cache once: a `claims` request (an `nbf` challenge, as
continuous access evaluation sends) makes MSAL fetch a new token instead of the cached one.
*/
export function freshTokenProvider(
  credential: TokenCredential,
  scopes: readonly string[],
  nowMs: number,
): TokenCredentialAuthenticationProvider {
  const claims = JSON.stringify({
    access_token: { nbf: { essential: true, value: String(Math.floor(nowMs / 1000)) } },
  });
  return new TokenCredentialAuthenticationProvider(credential, {
    scopes: [...scopes],
    getTokenOptions: { claims },
  });
}

/** What the SDK threw, as plain data; anything that is not a GraphError is a bug and rethrown. */
export function fromSdkError(error: unknown): RawFailure {
  if (!(error instanceof GraphError)) throw error;
  const headers = error.headers;
  return {
    status: error.statusCode > 0 ? error.statusCode : null,
    code: error.code ?? null,
    message: error.message,
    requestId: error.requestId ?? headers?.get("request-id") ?? null,
    retryAfter: headers?.get("retry-after") ?? null,
  };
}
