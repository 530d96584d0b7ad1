import { createServer, request, type Server } from "node:https";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { prepareTls } from "../../src/emulator/certificates.js";

/**
A Graph host in front of an emulator that answers some requests itself — a real HTTPS server,
trusted through the emulator's CA (the tests' shared one), so the CLI talks to it as it would to
any proxy. `answer` sees each Graph request and may reply instead of the emulator; everything else
is passed on, with the emulator's origin in bodies rewritten to the proxy's.
*/
export type GraphRequest = { method: string; path: string; body: string };
export type Answer = { status: number; body: unknown } | undefined;

export async function startHostileGraph(
  emulator: RunningEmulator,
  answer: (request: GraphRequest) => Answer,
): Promise<{ url: string }> {
  const tls = await prepareTls(join(tmpdir(), "oathkit-test-ca"));
  const upstream = new URL(emulator.url);
  let origin = "";
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const own = answer({ method: req.method ?? "GET", path: req.url ?? "/", body });
      if (own !== undefined) {
        res.writeHead(own.status, {
          "content-type": "application/json",
          date: new Date().toUTCString(),
        });
        res.end(JSON.stringify(own.body));
        return;
      }
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          ca: emulator.caPem,
        },
        (up) => {
          const parts: Buffer[] = [];
          up.on("data", (c: Buffer) => parts.push(c));
          up.on("end", () => {
            const text = Buffer.concat(parts).toString("utf8").replaceAll(emulator.url, origin);
            const headers = { ...up.headers };
            delete headers["content-length"];
            delete headers["transfer-encoding"];
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(text);
          });
        },
      );
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: origin };
}
