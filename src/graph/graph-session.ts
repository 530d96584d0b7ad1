import type { TokenCredential } from "@azure/identity";
import type { Scrubber } from "../secrets/scrubber.js";
import { readAccount, rememberingAccount, saveAccount } from "./account-record.js";
import { personModes, type GraphConnection } from "./connection.js";
import { createCredential, type CredentialDeps } from "./credential.js";
import { explainingRefusal } from "./public-client.js";
import { createGraphCalls, type GraphCalls } from "./graph-calls.js";
import { defaultMaxPages } from "./next-link.js";
import type { DateSample } from "./port.js";
import { refusingRedirects, type RedirectLog } from "./redirects.js";
import { defaultRetryLimits, type RetryLimits } from "./retry-policy.js";
import { createGraphClient } from "./transport.js";

export type OathDirectoryDeps = {
  /** Every failure message is scrubbed with it; register every seed before the first call. */
  scrubber: Scrubber;
  /** Environment for the credential (AZURE_CLIENT_SECRET …). */
  env: Readonly<Record<string, string | undefined>>;
  now: () => number;
  /** @default Math.random */
  random?: () => number;
  /** @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
  /** Device-code sign-in instructions (never written to stdout by the adapter). */
  onDeviceCodePrompt?: (message: string) => void;
  /** A person's sign-in is cached for this profile and reused by the next process (token-cache.ts). */
  tokenCache?: CredentialDeps["tokenCache"];
  /** Use only the cached sign-in, never prompt (whoami). */
  silent?: boolean;
  /** @default 30000 */
  readTimeoutMs?: number;
  /** @default 30000 */
  writeTimeoutMs?: number;
  /** For reads only; writes are never retried here. */
  retryLimits?: RetryLimits;
  /** Pages one listing may have before it stops with an error. @default 10000 */
  maxPages?: number;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Keeps the skew estimate's input bounded on long runs; the core needs only recent samples. */
const maxSamples = 1000;

/**
The wiring behind the port: one credential (redirects refused), one SDK client, the calls with
their retry policy and paging guard, and the Date samples. Nothing signs in until the first call.
*/
export function openGraphSession(
  connection: GraphConnection,
  deps: OathDirectoryDeps,
): GraphCalls & {
  dateSamples: () => readonly DateSample[];
  /** The write-limit use the last successful write reported (OathDirectory.writeLoad). */
  writeLoad: () => number | null;
  credential: TokenCredential;
  /** The retry rules' inputs, for work that retries by itself (batch items). */
  retry: { random: () => number; sleep: (ms: number) => Promise<void>; limits: RetryLimits };
} {
  const samples: DateSample[] = [];
  let writeLoad: number | null = null;
  const redirectLog: RedirectLog = { count: 0, last: null };
  const credential = explainingRefusal(
    refusingRedirects(signInCredential(connection, { ...deps, redirectLog }), redirectLog),
    connection,
  );
  const client = createGraphClient(connection, credential, {
    now: deps.now,
    ...(deps.readTimeoutMs === undefined ? {} : { readTimeoutMs: deps.readTimeoutMs }),
    ...(deps.writeTimeoutMs === undefined ? {} : { writeTimeoutMs: deps.writeTimeoutMs }),
    onWriteLoad: (load) => {
      writeLoad = load;
    },
    onDateSample: (sample) => {
      samples.push(sample);
      if (samples.length > maxSamples) samples.shift();
    },
  });
  const retry = {
    random: deps.random ?? Math.random,
    sleep: deps.sleep ?? defaultSleep,
    limits: deps.retryLimits ?? defaultRetryLimits,
  };
  const calls = createGraphCalls({
    client,
    credential,
    scopes: connection.scopes,
    graphUrl: connection.graphUrl,
    scrubber: deps.scrubber,
    now: deps.now,
    ...retry,
    maxPages: deps.maxPages ?? defaultMaxPages,
    signInRefusal: () => credential.refusal(),
  });

  return {
    ...calls,
    dateSamples: () => samples.slice(),
    writeLoad: () => writeLoad,
    credential,
    retry,
  };
}

/** The credential; a person's first sign-in for a profile is remembered (account-record.ts). */
function signInCredential(connection: GraphConnection, deps: CredentialDeps): TokenCredential {
  const credential = createCredential(connection, deps);
  const spec = deps.tokenCache;
  if (spec === undefined || !personModes.includes(connection.auth)) return credential;
  if (readAccount(spec, connection) !== undefined) return credential;
  return rememberingAccount(credential as Parameters<typeof rememberingAccount>[0], (record) =>
    saveAccount(spec, connection, record),
  );
}
