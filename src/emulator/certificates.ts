import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

/**
The emulator's TLS material: a local CA kept in `certDir` (created once, reused across runs so a
trusted CA stays trusted) and a server certificate issued fresh at every start for 127.0.0.1,
localhost and ::1. ECDSA P-256 through node's webcrypto (globalThis.crypto) and @peculiar/x509: fast, and no
hand-written ASN.1.
*/
export type TlsMaterial = { caPem: string; caFile: string; certPem: string; keyPem: string };

const ecdsa = { name: "ECDSA", namedCurve: "P-256" } as const;
const signing = { name: "ECDSA", hash: "SHA-256" } as const;
const caName = "CN=oathkit emulator local CA, O=oathkit";
const dayMs = 86_400_000;

x509.cryptoProvider.set(crypto);

function pemKey(der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

async function createCa(): Promise<string> {
  const keys = await crypto.subtle.generateKey(ecdsa, true, ["sign", "verify"]);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: caName,
    keys,
    notBefore: new Date(now - dayMs),
    notAfter: new Date(now + 5 * 365 * dayMs),
    signingAlgorithm: signing,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const key = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return `${pemKey(key)}${cert.toString("pem")}\n`;
}

/** Reads `ca-key.pem` (key + certificate), creating it with an exclusive link if absent. */
async function loadOrCreateCa(
  certDir: string,
): Promise<{ keyPem: string; cert: x509.X509Certificate }> {
  const file = join(certDir, "ca-key.pem");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const text = await readFile(file, "utf8");
      const [keyPem, certPem] = text.split(/(?=-----BEGIN CERTIFICATE-----)/u);
      const cert = new x509.X509Certificate(certPem ?? "");
      if (keyPem !== undefined && cert.notAfter.getTime() > Date.now() + dayMs)
        return { keyPem, cert };
      await rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") await rm(file, { force: true });
    }
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, await createCa(), { mode: 0o600 });
    try {
      await link(tmp, file); // atomic and exclusive: of two emulators starting at once, one CA wins
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      await rm(tmp, { force: true });
    }
  }
  throw new Error(`Cannot create the emulator CA in ${certDir}.`);
}

export async function prepareTls(certDir: string): Promise<TlsMaterial> {
  await mkdir(certDir, { recursive: true, mode: 0o700 });
  const ca = await loadOrCreateCa(certDir);
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
    notBefore: new Date(now - dayMs),
    notAfter: new Date(now + 30 * dayMs),
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
  const tmp = `${caFile}.${process.pid}.tmp`;
  await writeFile(tmp, caPem, { mode: 0o644 });
  await rename(tmp, caFile);
  return {
    caPem,
    caFile,
    certPem: `${cert.toString("pem")}\n${caPem}`,
    keyPem: pemKey(await crypto.subtle.exportKey("pkcs8", keys.privateKey)),
  };
}
