import type { Scrubber } from "../secrets/scrubber.js";
import { GraphFailure } from "./graph-failure.js";
import type { FailureKind } from "./port.js";
import { redirectCode } from "./redirects.js";

/**
What the adapter knows about a failed call before classification, taken from the SDK's GraphError
(or a transport error) by `fromSdkError`; plain data so the table below is unit-testable.
*/
export type RawFailure = {
  /** HTTP status; null when no response arrived (network error, timeout, sign-in failure). */
  status: number | null;
  /** Graph `error.code`, or the name of the error thrown before a response. */
  code: string | null;
  message: string;
  requestId: string | null;
  retryAfter: string | null;
};

/** Error names the transport and @azure/identity throw before any HTTP response exists. */
export const transportErrorNames = {
  timeout: "TimeoutError",
  network: "NetworkError",
  tls: "TlsError",
  /** A request for a host other than the configured Graph URL's: not sent. */
  hostRefused: "HostRefused",
} as const;
/** Refused before or instead of talking to the configured host: the endpoint is not to be trusted. */
const untrustedEndpoint = new Set<string>([
  transportErrorNames.tls,
  transportErrorNames.hostRefused,
  redirectCode,
]);
const signInErrorNames = new Set([
  "AuthenticationError",
  "AggregateAuthenticationError",
  "CredentialUnavailableError",
  "AuthenticationRequiredError",
]);

/** The status table of the adapter (docs/graph-adapter.md), never the message text. */
export function kindOf(status: number | null, code: string | null): FailureKind {
  if (status === null) {
    if (code !== null && (signInErrorNames.has(code) || untrustedEndpoint.has(code))) {
      return "auth";
    }
    return "unclear"; // no response: the request may or may not have been applied
  }
  if (status >= 200 && status < 300) return "unclear"; // applied, but the body was unreadable
  // A redirect is never followed (redirects.ts): the host is not what it should be; stop the run.
  if (status >= 300 && status < 400) return "auth";
  if (status === 429) return "throttled";
  if (status === 408 || status >= 500) return "unclear";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not-found";
  if (status === 409) return "conflict";
  return "rejected";
}

/** `Retry-After` in seconds (fractions allowed) or as an HTTP date; absent or unreadable → null. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/u.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/[a-z]/iu.test(text)) return null;
  return Math.max(0, date - nowMs);
}

export type FailureContext = {
  /** What was being done, e.g. "create device 60234567"; no secrets, no codes. */
  operation: string;
  /** Said after a 403 `Authorization_RequestDenied`: which permission or role is needed. */
  needs?: string;
  /** A write that got no clear answer may have been applied; the message says so. */
  write: boolean;
  scrubber: Scrubber;
  nowMs: number;
};

export function classify(raw: RawFailure, context: FailureContext): GraphFailure {
  const kind = kindOf(raw.status, raw.code);
  // The server's words may echo what it was sent: this run's codes are removed from them too.
  const code = raw.code === null ? null : context.scrubber.scrubServerText(raw.code);
  const what =
    raw.status !== null
      ? `HTTP ${raw.status}${code === null ? "" : ` ${code}`}`
      : raw.code === redirectCode || raw.code === transportErrorNames.hostRefused
        ? `refused (${raw.code})`
        : kind === "auth"
          ? `sign-in or TLS trust failed (${code ?? "error"})`
          : `no response (${code ?? "error"})`;
  let message = `${context.operation} failed: ${what}`;
  if (raw.message.trim() !== "")
    message += `: ${context.scrubber.scrubServerText(raw.message.trim())}`;
  if (kind === "unclear" && context.write) {
    message += " (it may have been applied; check before sending again)";
  }
  if (raw.status === 403 && context.needs !== undefined) message += `. Needs ${context.needs}.`;
  return new GraphFailure({
    kind,
    status: raw.status,
    code,
    message: context.scrubber.scrub(message),
    requestId: raw.requestId,
    retryAfterMs: kind === "throttled" ? parseRetryAfter(raw.retryAfter, context.nowMs) : null,
  });
}
