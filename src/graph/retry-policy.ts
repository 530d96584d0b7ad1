import type { GraphFailureInfo } from "./port.js";

/**
When a failed Graph call may be sent again, and after how long. Pure: the caller supplies the
random source, sleeps and counts. The adapter applies it to reads; the provisioning core applies
it to writes only after reconciling (a write that failed `unclear` may have been applied).
*/
export type RetryLimits = {
  /** Total attempts, the first included. @default 5 */
  maxAttempts: number;
  /** Backoff base; attempt n waits up to base·2^(n−1). @default 500 */
  baseDelayMs: number;
  /** No wait is longer; a Retry-After above it means "give up and report throttled". @default 60000 */
  maxDelayMs: number;
};

export const defaultRetryLimits: RetryLimits = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
};

export type RetryDecision = {
  retry: boolean;
  /** How long to wait before the next attempt (0 when not retrying). */
  delayMs: number;
  /** Ask the credential for a new access token before the next attempt (after a 401). */
  refreshToken: boolean;
};

const stop: RetryDecision = { retry: false, delayMs: 0, refreshToken: false };

export type RetryState = {
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  /** A fresh token was already forced for this call (a 401 is retried once only). */
  tokenRefreshed: boolean;
};

/** True for failures that a later identical request may get past: throttling, 5xx, no response. */
export function isTransient(failure: Pick<GraphFailureInfo, "kind">): boolean {
  return failure.kind === "throttled" || failure.kind === "unclear";
}

/**
- 401: once per call, at once, with a fresh token (an unauthenticated request is never applied).
- 429, 408, 5xx, network errors, timeouts: up to `maxAttempts`; wait at least Retry-After, else
  full-jitter exponential backoff `random·min(cap, base·2^(attempt−1))`; never more than the cap.
- Everything else (400, 403, 404, 409, other 4xx): never.
*/
export function decide(
  failure: Pick<GraphFailureInfo, "kind" | "status" | "retryAfterMs">,
  state: RetryState,
  random: () => number,
  limits: RetryLimits = defaultRetryLimits,
): RetryDecision {
  if (failure.status === 401) {
    return state.tokenRefreshed ? stop : { retry: true, delayMs: 0, refreshToken: true };
  }
  if (!isTransient(failure) || state.attempt >= limits.maxAttempts) return stop;
  const jitter = fullJitterMs(random, limits.baseDelayMs, limits.maxDelayMs, state.attempt - 1);
  const floor = failure.retryAfterMs ?? 0;
  if (floor > limits.maxDelayMs) return stop;
  return { retry: true, delayMs: Math.max(floor, jitter), refreshToken: false };
}

/**
Full jitter (AWS, "Exponential Backoff And Jitter"): a random wait between 0
and min(cap, base·2^exponent). The one backoff formula of the project: the adapter's read
retries, the core's retries after unclear answers and its pause after a 429 without Retry-After.
*/
export function fullJitterMs(
  random: () => number,
  baseMs: number,
  capMs: number,
  exponent: number,
): number {
  return Math.floor(Math.min(Math.max(random(), 0), 1) * Math.min(capMs, baseMs * 2 ** exponent));
}
