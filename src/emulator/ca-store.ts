import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

/**
The emulator CA on disk: `ca-key.pem` (key + certificate, 0600) in the cert directory, shared by
every emulator that uses the directory. A CA that `isUsable` rejects (expired, near its end, from
an older oathkit without name constraints or with a longer life) is replaced under a lock
directory, so of several emulators starting at once exactly one replaces it and the others read
the new one; a lock left by a crashed process is taken over after `staleLockMs`.
*/
export type StoredCa = { keyPem: string; cert: x509.X509Certificate };

const lockWaitMs = 50;
const staleLockMs = 30_000;
const maxWaits = 400; // 20 s

async function read(file: string): Promise<StoredCa | null> {
  try {
    const text = await readFile(file, "utf8");
    const [keyPem, certPem] = text.split(/(?=-----BEGIN CERTIFICATE-----)/u);
    if (keyPem === undefined || certPem === undefined) return null;
    return { keyPem, cert: new x509.X509Certificate(certPem) };
  } catch {
    return null; // missing or unreadable: replaced like a stale one
  }
}

async function takeLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock, { mode: 0o700 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const since = await stat(lock).then(
      (s) => s.mtimeMs,
      () => Date.now(),
    );
    if (Date.now() - since > staleLockMs) await rmdir(lock).catch(() => undefined);
    return false;
  }
}

/** The usable CA in `certDir`, creating or replacing it (with `create`) when there is none. */
export async function loadOrCreateCa(
  certDir: string,
  isUsable: (cert: x509.X509Certificate) => boolean,
  create: () => Promise<string>,
): Promise<StoredCa> {
  const file = join(certDir, "ca-key.pem");
  const lock = `${file}.lock`;
  for (let wait = 0; wait < maxWaits; wait++) {
    const current = await read(file);
    if (current !== null && isUsable(current.cert)) return current;
    if (!(await takeLock(lock))) {
      await sleep(lockWaitMs);
      continue;
    }
    try {
      const again = await read(file); // another process may have replaced it meanwhile
      if (again !== null && isUsable(again.cert)) return again;
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, await create(), { mode: 0o600 });
      await rename(tmp, file); // atomic: readers see the old CA or the new one, never half
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`Cannot create the emulator CA in ${certDir} (${lock} stays locked).`);
}
