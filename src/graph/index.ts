/** The public surface of the Graph adapter: the only code that talks to the Graph SDK. */
export type * from "./port.js";
export { GraphFailure } from "./graph-failure.js";
export { resolveConnection, type ConnectionSettings, type GraphConnection } from "./connection.js";
export { authModes, type AuthMode } from "./auth-modes.js";
export { isLoopback } from "./host-rules.js";
export { createOathDirectory, type OathDirectoryDeps } from "./oath-directory.js";
export {
  decide,
  fullJitterMs,
  defaultRetryLimits,
  isTransient,
  type RetryDecision,
  type RetryLimits,
  type RetryState,
} from "./retry-policy.js";
export { kindOf, parseRetryAfter } from "./classify-failure.js";
