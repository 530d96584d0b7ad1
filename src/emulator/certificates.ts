import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AsnConvert } from "@peculiar/asn1-schema";
import {
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  id_ce_nameConstraints,
  NameConstraints,
} from "@peculiar/asn1-x509";
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { loadOrCreateCa } from "./ca-store.js";

/**
The emulator's TLS material: a local CA kept in `certDir` (reused across runs while it is usable,
so a trusted CA stays trusted) and a server certificate issued fresh at every start for 127.0.0.1,
localhost and ::1. ECDSA P-256 through node's webcrypto (globalThis.crypto) and @peculiar/x509: fast, and no
hand-written ASN.1.

The CA can only vouch for loopback: its name constraints permit DNS `localhost` and the addresses
127.0.0.0/8 and ::1, so its key, should it leak from the cert directory, cannot impersonate
graph.microsoft.com or any other host to a process that trusts it. It lives `caLifetimeDays`
(issue #15 item 11); docs/emulator.md § Certificates.
*/
export type TlsMaterial = { caPem: string; caFile: string; certPem: string; keyPem: string };

const ecdsa = { name: "ECDSA", namedCurve: "P-256" } as const;
const signing = { name: "ECDSA", hash: "SHA-256" } as const;
const caName = "CN=oathkit emulator local CA, O=oathkit";
const dayMs = 86_400_000;
/** The CA's life; an older or longer-lived CA (from an earlier oathkit) is replaced. */
export const caLifetimeDays = 30;
/** A server certificate's life; a CA with less left than this is replaced first. */
export const serverCertDays = 7;
/** Backdating, for hosts whose clocks are a little behind. */
const backdateMs = dayMs;

/** DNS localhost, IP 127.0.0.0/8 and ::1/128: the only names a certificate from this CA may hold. */
export const permittedNames: ReadonlyArray<{ type: "dns" | "ip"; value: string }> = [
  { type: "dns", value: "localhost" },
  { type: "ip", value: "127.0.0.0/8" },
  { type: "ip", value: "::1/128" },
];

x509.cryptoProvider.set(crypto);

function pemKey(der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

function nameConstraints(): x509.Extension {
  const subtrees = permittedNames.map(
    ({ type, value }) =>
      new GeneralSubtree({
        base: new GeneralName(type === "dns" ? { dNSName: value } : { iPAddress: value }),
      }),
  );
  const value = new NameConstraints({ permittedSubtrees: new GeneralSubtrees(subtrees) });
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(value));
}

async function createCa(): Promise<string> {
  const keys = await crypto.subtle.generateKey(ecdsa, true, ["sign", "verify"]);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: caName,
    keys,
    notBefore: new Date(now - backdateMs),
    notAfter: new Date(now + caLifetimeDays * dayMs),
    signingAlgorithm: signing,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      nameConstraints(),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const key = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return `${pemKey(key)}${cert.toString("pem")}\n`;
}

/** Loopback-only, no longer-lived than this version issues, and not near its end. */
export function isUsableCa(cert: x509.X509Certificate, now = Date.now()): boolean {
  const life = cert.notAfter.getTime() - cert.notBefore.getTime();
  return (
    cert.getExtension(id_ce_nameConstraints) !== null &&
    life <= caLifetimeDays * dayMs + backdateMs &&
    cert.notBefore.getTime() <= now &&
    cert.notAfter.getTime() - now >= serverCertDays * dayMs
  );
}

export async function prepareTls(certDir: string): Promise<TlsMaterial> {
  await mkdir(certDir, { recursive: true, mode: 0o700 });
  const ca = await loadOrCreateCa(certDir, (cert) => isUsableCa(cert), createCa);
  const caKey = await crypto.subtle.importKey(
    "pkcs8",
    x509.PemConverter.decodeFirst(ca.keyPem),
    ecdsa,
    false,
    ["sign"],
  );
  const keys = await crypto.subtle.generateKey(ecdsa, true, ["sign", "verify"]);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    subject: "CN=localhost",
    issuer: ca.cert.subject,
    notBefore: new Date(now - backdateMs),
    notAfter: new Date(Math.min(now + serverCertDays * dayMs, ca.cert.notAfter.getTime())),
    signingAlgorithm: signing,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "ip", value: "127.0.0.1" },
        { type: "dns", value: "localhost" },
        { type: "ip", value: "::1" },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  const caPem = `${ca.cert.toString("pem")}\n`;
  const caFile = join(certDir, "ca.pem");
  const tmp = `${caFile}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(tmp, caPem, { mode: 0o644 });
  await rename(tmp, caFile);
  return {
    caPem,
    caFile,
    certPem: `${cert.toString("pem")}\n${caPem}`,
    keyPem: pemKey(await crypto.subtle.exportKey("pkcs8", keys.privateKey)),
  };
}
