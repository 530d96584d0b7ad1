import { subscribe, unsubscribe } from "node:diagnostics_channel";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { prepareTls } from "../../src/emulator/certificates.js";

/*
Hostile servers for the security tests: a "front" on loopback that stands between oathkit and an
emulator (forwarding what it is told to, answering the rest itself, e.g. with a redirect), a
recorder that counts every request reaching it, and an observer of every connection this process
opens. All real sockets; nothing in oathkit is replaced.
*/

export type Seen = { method: string; path: string; body: string };
export type Answer =
  "forward" | { status: number; headers?: Record<string, string>; body?: string };

export type Server = { url: string; seen: Seen[]; stop(): Promise<void> };

async function readRequest(req: IncomingMessage): Promise<Seen> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return {
    method: req.method ?? "GET",
    path: req.url ?? "/",
    body: Buffer.concat(chunks).toString(),
  };
}

type AnyServer = HttpServer | HttpsServer;

async function listen(server: AnyServer, scheme: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function stopper(server: AnyServer): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

/**
An HTTPS server (certificate from the emulator's CA in `certDir`, so the test process trusts it)
in front of `upstream`: `answer` decides per request; "forward" relays it to the emulator and
rewrites the emulator's origin in the answer to the front's, so every later request (token
endpoint, next links) comes back through the front.
*/
export async function startFront(options: {
  certDir: string;
  upstream: string;
  answer: (request: Seen) => Answer;
}): Promise<Server> {
  const tls = await prepareTls(options.certDir);
  const seen: Seen[] = [];
  let origin = "";
  const server = createHttpsServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    void (async () => {
      const request = await readRequest(req);
      seen.push(request);
      const answer = options.answer(request);
      if (answer !== "forward") {
        res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? "");
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
          headers[name] = value;
      }
      const upstream = await fetch(`${options.upstream}${request.path}`, {
        method: request.method,
        headers,
        redirect: "manual",
        ...(request.method === "GET" || request.method === "DELETE" ? {} : { body: request.body }),
      });
      const text = (await upstream.text()).replaceAll(options.upstream, origin);
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (
          !["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name)
        )
          out[name] = value;
      });
      res.writeHead(upstream.status, out).end(text);
    })().catch(() => res.destroy());
  });
  origin = await listen(server, "https");
  return { url: origin, seen, stop: stopper(server) };
}

/** A server that records every request and answers 200 `{}`: the place a redirect points to. */
export async function startRecorder(certDir: string, scheme: "https" | "http"): Promise<Server> {
  const seen: Seen[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void readRequest(req).then((request) => {
      seen.push(request);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  };
  const tls = scheme === "https" ? await prepareTls(certDir) : null;
  const server: AnyServer =
    tls === null
      ? createHttpServer(handler)
      : createHttpsServer({ key: tls.keyPem, cert: tls.certPem }, handler);
  const url = await listen(server, scheme);
  return { url, seen, stop: stopper(server) };
}

/**
Every host this process opens a connection to, through global fetch (undici, the Graph client) or
node:http(s) (the Azure SDK pipeline under @azure/identity), from Node's diagnostics channels.
*/
export function observeConnections(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const fromFetch = (message: unknown) => {
    const params = (message as { connectParams?: { hostname?: string; port?: string } })
      .connectParams;
    if (params?.hostname !== undefined) hosts.push(`${params.hostname}:${params.port ?? ""}`);
  };
  const fromHttp = (message: unknown) => {
    const request = (message as { request?: { host?: string; socket?: unknown } }).request;
    if (request?.host !== undefined) hosts.push(request.host);
  };
  subscribe("undici:client:beforeConnect", fromFetch);
  subscribe("http.client.request.start", fromHttp);
  return {
    hosts,
    stop: () => {
      unsubscribe("undici:client:beforeConnect", fromFetch);
      unsubscribe("http.client.request.start", fromHttp);
    },
  };
}
