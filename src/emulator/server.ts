import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { OathkitError } from "../errors.js";
import { AccessTokens } from "./access-tokens.js";
import { newCounters } from "./counters.js";
import { DeviceStore } from "./devices.js";
import { planFault } from "./faults.js";
import { handleGraph } from "./graph-handler.js";
import { entraConfig } from "./entra-setup.js";
import { handleOauth } from "./oauth.js";
import type { EmulatorOptions } from "./options.js";
import {
  checkOptions,
  defaultCertDir,
  defaultClientId,
  defaultTenantId,
  faultKinds,
} from "./options.js";
import { createPrng } from "./prng.js";
import { WriteRateLimiter } from "./rate-limiter.js";
import { initialPolicy } from "./policy-state.js";
import type { GraphContext, GraphResponse } from "./route-table.js";
import type { EmulatorState } from "./state.js";
import { snapshot } from "./state.js";
import { Tenant } from "./tenant.js";
import { loadUsers } from "./users-file.js";

export type RunningEmulator = {
  /** https://127.0.0.1:<port>: both the Graph base URL and the authority host. */
  url: string;
  port: number;
  caPem: string;
  /** The CA certificate on disk, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  state(): EmulatorState;
  stop(): Promise<void>;
};

const maxBodyBytes = 4 * 1024 * 1024;
const statePath = "/_emulator/state";

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

/** Starts the emulator on 127.0.0.1 (docs/emulator.md). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const skewMs = (options.clockSkewSec ?? 0) * 1000;
  const now = (): number => Date.now() + skewMs;
  const random = createPrng(options.seed ?? 1);
  const counters = newCounters();
  const users = await loadUsers(options.usersFile);
  const tenant = new Tenant(new DeviceStore(), users.directory, counters, now);
  // Loaded on demand: the certificate library takes about half a second to import, and every
  // other oathkit command would pay for it.
  const { prepareTls } = await import("./certificates.js");
  const tls = await prepareTls(options.certDir ?? defaultCertDir());
  const tenantId = (options.tenantId ?? defaultTenantId).toLowerCase();
  const clientId = options.clientId ?? defaultClientId;
  const clientSecret = options.clientSecret ?? `emu~${randomBytes(18).toString("base64url")}`;
  const tokens = new AccessTokens(options.tokenTtlSec ?? 3600, now);
  const limiter = new WriteRateLimiter(options.writeRate ?? 0, () => performance.now());
  const readLimiter = new WriteRateLimiter(options.readRate ?? 0, () => performance.now());
  const policy = initialPolicy(now(), users.policy, options.policy);
  const faultRate = options.faultRate ?? 0;
  const kinds = options.faultKinds ?? faultKinds;
  let origin = ""; // known once listening
  const ctx: GraphContext = {
    tenant,
    policy,
    pageSize: options.pageSize ?? 100,
    maxTop: options.maxTop ?? 999,
    bulkItemStatus: options.bulkItemStatus ?? null,
    base: "",
  };
  const entra = entraConfig(options, {
    tenantId,
    clientId,
    clientSecret,
    tokens,
    now,
    users: users.directory,
    counters,
  });

  function send(req: IncomingMessage, res: ServerResponse, response: GraphResponse): void {
    const headers: Record<string, string> = {
      Date: new Date(now()).toUTCString(),
      "request-id": randomUUID(),
      "client-request-id": req.headers["client-request-id"]?.toString() ?? randomUUID(),
      ...response.headers,
    };
    if (response.text !== undefined) {
      res.writeHead(response.status, headers).end(response.text);
      return;
    }
    if (response.body === undefined) {
      res.writeHead(response.status, headers).end();
      return;
    }
    headers["Content-Type"] = "application/json; charset=utf-8";
    res.writeHead(response.status, headers).end(JSON.stringify(response.body));
  }

  function graph(req: IncomingMessage, res: ServerResponse, url: URL, text: string): void {
    const outcome = handleGraph(
      { method: req.method ?? "GET", url, text, authorization: req.headers.authorization },
      {
        ctx,
        limiter,
        readLimiter,
        tokens,
        random,
        clientRequestId: req.headers["client-request-id"]?.toString() ?? randomUUID(),
        planFault: () => planFault(faultRate, kinds, random),
        authorizeUrl: `${origin}/${tenantId}/oauth2/v2.0/authorize`,
      },
    );
    if (outcome.kind === "reset") resetConnection(req);
    else if (outcome.kind === "drop") req.socket.destroy();
    else send(req, res, outcome.response);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (options.latencyMs !== undefined && options.latencyMs > 0) await sleep(options.latencyMs);
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    if (text === undefined) {
      send(req, res, {
        status: 413,
        body: { error: { code: "RequestEntityTooLarge", message: "The body is too large." } },
      });
    } else if (url.pathname === statePath) {
      const allowed = method === "GET" && isLoopback(req.socket.remoteAddress);
      send(
        req,
        res,
        allowed
          ? { status: 200, body: snapshot(tenant, skewMs / 1000, policy) }
          : { status: 403, body: { error: "loopback GET only" } },
      );
    } else if (url.pathname === "/beta" || url.pathname.startsWith("/beta/")) {
      graph(req, res, url, text);
    } else {
      const response = handleOauth(method, url, text, entra);
      send(
        req,
        res,
        response ?? {
          status: 404,
          body: { error: "not_found", error_description: `No such endpoint: ${url.pathname}` },
        },
      );
    }
  }

  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const message = error instanceof Error ? error.message : "unknown";
      send(req, res, {
        status: 500,
        body: {
          error: { code: "InternalServerError", message: `The emulator failed: ${message}` },
        },
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new OathkitError(
          `The emulator cannot listen on 127.0.0.1:${options.port ?? 0} (${error.code ?? error.message}).`,
          {
            cause: error,
            hint: "Pick another --port, or --port 0 for a free one.",
          },
        ),
      );
    });
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined; // stop() is idempotent
  origin = `https://127.0.0.1:${port}`;
  ctx.base = `${origin}/beta`;
  entra.origin = origin;

  return {
    url: origin,
    port,
    caPem: tls.caPem,
    caFile: tls.caFile,
    tenantId,
    clientId,
    clientSecret,
    state: () => snapshot(tenant, skewMs / 1000, policy),
    stop: () => {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

/**
A TCP reset (RST), as a proxy or load balancer dropping the connection. resetAndDestroy() throws on
a TLS socket, so it is sent on the TCP socket underneath (`_parent`, not public API); where that is
missing, the connection is closed without an answer, which a client sees the same way: no response.
*/
function resetConnection(req: IncomingMessage): void {
  const tcp = (req.socket as unknown as { _parent?: { resetAndDestroy?: () => void } })._parent;
  if (typeof tcp?.resetAndDestroy === "function") tcp.resetAndDestroy();
  else req.socket.destroy();
}
