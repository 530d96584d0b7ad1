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
export { whoAmI, type Identity } from "./who-am-i.js";
export {
  tokenStore,
  clearTokenCache,
  type TokenCacheSpec,
  type TokenStore,
} from "./token-cache.js";
export { accountFile, forgetAccount } from "./account-record.js";
