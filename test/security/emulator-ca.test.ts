import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { AsnConvert } from "@peculiar/asn1-schema";
import { id_ce_nameConstraints, NameConstraints } from "@peculiar/asn1-x509";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";

/*
Issue #15 item 11 (emulator CA): the CA in the cert directory could sign for any host and lived
five years, so its key (a file in the user's home) was a way to impersonate graph.microsoft.com to
every process that trusted it. It now carries name constraints (DNS localhost, 127.0.0.0/8, ::1),
which OpenSSL enforces, lives 30 days, and an older or non-constrained CA is replaced.
*/

const dayMs = 86_400_000;
const ecdsa = { name: "ECDSA", namedCurve: "P-256" } as const;
const signing = { name: "ECDSA", hash: "SHA-256" } as const;
x509.cryptoProvider.set(crypto);

let root = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "oathkit-ca-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function started(certDir: string): Promise<RunningEmulator> {
  const emulator = await startEmulator({ certDir });
  await emulator.stop();
  return emulator;
}

function permitted(cert: x509.X509Certificate): string[] {
  const extension = cert.getExtension(id_ce_nameConstraints);
  if (extension === null) return [];
  expect(extension.critical).toBe(true);
  const constraints = AsnConvert.parse(extension.value, NameConstraints);
  expect(constraints.excludedSubtrees).toBeUndefined();
  return (constraints.permittedSubtrees ?? []).map((s) =>
    s.base.dNSName !== undefined ? `dns:${s.base.dNSName}` : `ip:${s.base.iPAddress ?? "?"}`,
  );
}

/** The CA's key and certificate as the emulator keeps them. */
async function caOf(certDir: string) {
  const [keyPem = "", certPem = ""] = readFileSync(join(certDir, "ca-key.pem"), "utf8").split(
    /(?=-----BEGIN CERTIFICATE-----)/u,
  );
  const key = await crypto.subtle.importKey(
    "pkcs8",
    x509.PemConverter.decodeFirst(keyPem),
    ecdsa,
    false,
    ["sign"],
  );
  return { key, cert: new x509.X509Certificate(certPem) };
}

/** A server certificate for `dns`, signed with the emulator's CA key, as a thief could. */
async function leafFor(certDir: string, dns: string) {
  const ca = await caOf(certDir);
  const keys = await crypto.subtle.generateKey(ecdsa, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${dns}`,
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - dayMs),
    notAfter: new Date(Date.now() + dayMs),
    signingAlgorithm: signing,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: "dns", value: dns }])],
  });
  const key = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { cert: cert.toString("pem"), key: x509.PemConverter.encode(key, "PRIVATE KEY") };
}

/** Connects to a server using `leaf`, trusting only the emulator CA: "ok" or OpenSSL's reason. */
async function handshake(caPem: string, leaf: { cert: string; key: string }, servername: string) {
  const server = createServer({ cert: leaf.cert, key: leaf.key }, (_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    return await new Promise<string>((resolve) => {
      const socket = connect({
        host: "127.0.0.1",
        port,
        servername,
        ca: [caPem],
        checkServerIdentity: () => undefined, // the chain alone is under test
      });
      socket.once("secureConnect", () => resolve("ok"));
      socket.once("error", (error: Error) => resolve(error.message));
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** A CA as oathkit made it before: five years, no name constraints. */
async function writeOldCa(certDir: string, notAfter = new Date(Date.now() + 5 * 365 * dayMs)) {
  const keys = await crypto.subtle.generateKey(ecdsa, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: "CN=oathkit emulator local CA, O=oathkit",
    keys,
    notBefore: new Date(Date.now() - dayMs),
    notAfter,
    signingAlgorithm: signing,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  const key = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  const text = `${x509.PemConverter.encode(key, "PRIVATE KEY")}${cert.toString("pem")}\n`;
  writeFileSync(join(certDir, "ca-key.pem"), text, { mode: 0o600 });
  return cert;
}

describe("the emulator's CA", () => {
  it("may sign for loopback only, lives 30 days, and server certificates 7", async () => {
    const certDir = await mkdtemp(join(root, "fresh-"));
    const emulator = await startEmulator({ certDir });
    const serverCert = await new Promise<{ valid_to: string }>((resolve, reject) => {
      const socket = connect(
        { host: "127.0.0.1", port: emulator.port, servername: "localhost", ca: [emulator.caPem] },
        () => {
          resolve(socket.getPeerCertificate());
          socket.destroy();
        },
      );
      socket.once("error", reject);
    });
    await emulator.stop();
    const serverLife = Date.parse(serverCert.valid_to) - Date.now();
    expect(serverLife).toBeLessThanOrEqual(7 * dayMs);
    expect(serverLife).toBeGreaterThan(6 * dayMs);
    const ca = new x509.X509Certificate(emulator.caPem);
    expect(permitted(ca)).toEqual(["dns:localhost", "ip:127.0.0.0/8", "ip:::1/128"]);
    expect(ca.notAfter.getTime() - Date.now()).toBeLessThanOrEqual(30 * dayMs);
    expect(ca.notAfter.getTime() - Date.now()).toBeGreaterThan(29 * dayMs);
    expect(readFileSync(emulator.caFile, "utf8")).toBe(emulator.caPem);
  });

  it("a certificate it signs for another host is refused by TLS (OpenSSL enforces the constraints)", async () => {
    const certDir = await mkdtemp(join(root, "enforced-"));
    const { caPem } = await started(certDir);
    expect(await handshake(caPem, await leafFor(certDir, "localhost"), "localhost")).toBe("ok");
    const forged = await leafFor(certDir, "graph.microsoft.com");
    expect(await handshake(caPem, forged, "graph.microsoft.com")).toBe(
      "permitted subtree violation",
    );
  });

  it("replaces a CA from an older oathkit, and one that is near its end", async () => {
    for (const notAfter of [
      new Date(Date.now() + 5 * 365 * dayMs),
      new Date(Date.now() + 2 * dayMs),
      new Date(Date.now() - dayMs),
    ]) {
      const certDir = await mkdtemp(join(root, "old-"));
      const old = await writeOldCa(certDir, notAfter);
      const emulator = await started(certDir);
      const ca = new x509.X509Certificate(emulator.caPem);
      expect(ca.serialNumber).not.toBe(old.serialNumber);
      expect(permitted(ca)).toHaveLength(3);
    }
  });

  it("keeps a good CA, and emulators starting together on a stale one agree on one new CA", async () => {
    const certDir = await mkdtemp(join(root, "shared-"));
    await writeOldCa(certDir);
    const all = await Promise.all([1, 2, 3, 4].map(() => started(certDir)));
    const pems = new Set(all.map((e) => e.caPem));
    expect(pems.size).toBe(1);
    expect(readFileSync(join(certDir, "ca.pem"), "utf8")).toBe(all[0]?.caPem);
    expect((await started(certDir)).caPem).toBe(all[0]?.caPem);
  });
});
