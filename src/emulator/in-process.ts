import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { EmulatorOptions } from "./options.js";
import type { RunningEmulator } from "./server.js";
import { startEmulator } from "./server.js";
import { trustEmulatorCa } from "./trust.js";

/** The package's sample users, found relative to this module (src/ or dist/), not the cwd. */
export const sampleUsersFile = fileURLToPath(new URL("../../samples/users.json", import.meta.url));

/** What a tenant-talking command needs to sign in to the emulator and call Graph. */
export type EmulatorConnection = {
  /** Root of the Graph API, like https://graph.microsoft.com (the client adds /beta). */
  graphUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
};

/**
Starts an emulator in this process for `--emulator`, with the sample users by default, and makes
this process trust its CA (TLS verification stays on). Each start is a fresh, empty tenant with a
tenant id of its own, so one `--emulator` run never resumes another's journal.
*/
export async function startInProcessEmulator(
  options: EmulatorOptions = {},
): Promise<{ connection: EmulatorConnection; emulator: RunningEmulator }> {
  const emulator = await startEmulator({
    usersFile: sampleUsersFile,
    tenantId: randomUUID(),
    ...options,
  });
  trustEmulatorCa(emulator.caPem);
  return {
    emulator,
    connection: {
      graphUrl: emulator.url,
      authorityHost: emulator.url,
      tenantId: emulator.tenantId,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    },
  };
}
