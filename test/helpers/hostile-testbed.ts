import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import {
  sampleUsersFile,
  startEmulator,
  trustEmulatorCa,
  type RunningEmulator,
} from "../../src/emulator/index.js";
import { GraphFailure, type OathDirectory } from "../../src/graph/index.js";
import type { Scrubber } from "../../src/secrets/scrubber.js";
import { appDirectory } from "./emulator.js";
import {
  startFront,
  startRecorder,
  type Answer,
  type Seen,
  type Server,
} from "./hostile-server.js";

export type Testbed = {
  readonly emulator: RunningEmulator;
  /** The emulator's CA folder: fronts and recorders take their certificates from it. */
  readonly certDir: string;
  /** A front before the emulator: `answer` decides per request (hostile-server.ts). */
  front: (answer: (request: Seen) => Answer) => Promise<Server>;
  /** A server that records every request reaching it. */
  recorder: () => Promise<Server>;
  /** The adapter signing in as the emulator's app through `url` (a front), never sleeping. */
  directoryAt: (url: string, options?: { scrubber?: Scrubber; maxPages?: number }) => OathDirectory;
};

/**
For a security test file that puts hostile servers before a real emulator: one emulator with its CA
trusted in this process, started before the file's tests and stopped after them with every front
and recorder they started.
*/
export function hostileTestbed(prefix: string): Testbed {
  let certDir = "";
  let emulator: RunningEmulator | undefined;
  const servers: Server[] = [];
  const running = (): RunningEmulator => {
    if (emulator === undefined) throw new Error("the testbed's emulator starts in beforeAll");
    return emulator;
  };
  beforeAll(async () => {
    certDir = await mkdtemp(join(tmpdir(), prefix));
    emulator = await startEmulator({ usersFile: sampleUsersFile, certDir });
    trustEmulatorCa(emulator.caPem);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await emulator?.stop();
    await rm(certDir, { recursive: true, force: true });
  });
  const kept = (server: Server): Server => {
    servers.push(server);
    return server;
  };
  return {
    get emulator() {
      return running();
    },
    get certDir() {
      return certDir;
    },
    front: async (answer) => {
      return kept(await startFront({ certDir, upstream: running().url, answer }));
    },
    recorder: async () => {
      return kept(await startRecorder(certDir, "https"));
    },
    directoryAt: (url, options = {}) =>
      appDirectory(running(), { sleep: async () => {}, ...options }, url),
  };
}

/** The GraphFailure a call ends in (anything else, or success, fails the test). */
export async function failureOf(promise: Promise<unknown>): Promise<GraphFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphFailure) return error;
    throw error;
  }
  throw new Error("expected a GraphFailure");
}
