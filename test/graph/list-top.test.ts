import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  sampleUsersFile,
  startEmulator,
  trustEmulatorCa,
  type RunningEmulator,
} from "../../src/emulator/index.js";
import type { OathDirectory } from "../../src/graph/index.js";
import { Seed } from "../../src/secrets/seed.js";
import { appDirectory } from "../helpers/emulator.js";
import { startFront } from "../helpers/hostile-server.js";

/*
Issue #11 item 5: Graph's largest page size is not documented. When a listing with `$top=999` is
answered 400, the adapter sends it once more without `$top` and, if that works, asks for no page
size for the rest of the run. The emulator refuses `$top` above `maxTop` as Graph does.
*/

let certDir = "";
let emulator: RunningEmulator;
const inventory = "directory/authenticationMethodDevices/hardwareOathDevices";
const listRoute = `GET ${inventory}`;

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), "oathkit-list-top-"));
  emulator = await startEmulator({ usersFile: sampleUsersFile, certDir, maxTop: 100, pageSize: 4 });
  trustEmulatorCa(emulator.caPem);
});

afterAll(async () => {
  await emulator.stop();
  await rm(certDir, { recursive: true, force: true });
});

function directory(url = emulator.url): OathDirectory {
  return appDirectory(emulator, { sleep: async () => {} }, url);
}

const listRequests = () => emulator.state().counters.requests[listRoute] ?? 0;

async function serials(graph: OathDirectory): Promise<string[]> {
  const out: string[] = [];
  for await (const device of graph.listDevices()) out.push(device.serialNumber);
  return out.sort();
}

describe("a listing refused for $top=999", () => {
  it("is sent once more without $top, and later listings of the run leave it out", async () => {
    const graph = directory();
    const made = Array.from({ length: 6 }, (_, i) => `TOP${i}`);
    await graph.createDevices(
      made.map((serialNumber) => ({
        serialNumber,
        manufacturer: "Token2",
        model: "C202",
        seed: new Seed(Buffer.alloc(20, 7)),
        timeIntervalInSeconds: 30,
        hashFunction: "hmacsha1",
        displayName: null,
      })),
    );
    const before = listRequests();
    expect(await serials(graph)).toEqual(made);
    // 400 for $top=999, then pages of the default size 4 without it: 1 + 2.
    expect(listRequests() - before).toBe(3);
    const again = listRequests();
    expect(await serials(graph)).toEqual(made);
    expect(listRequests() - again).toBe(2);
    // A new run (directory) tries $top=999 again.
    const other = listRequests();
    expect(await serials(directory())).toEqual(made);
    expect(listRequests() - other).toBe(3);
  });

  it("a 400 that is not about $top is reported after that one retry, and not remembered", async () => {
    let refuseAll = true;
    const front = await startFront({
      certDir,
      upstream: emulator.url,
      answer: (r) =>
        refuseAll && r.method === "GET" && r.path.startsWith(`/beta/${inventory}`)
          ? { status: 400, body: JSON.stringify({ error: { code: "BadRequest", message: "no" } }) }
          : "forward",
    });
    try {
      const graph = directory(front.url);
      await expect(serials(graph)).rejects.toMatchObject({ kind: "rejected", status: 400 });
      const sent = front.seen.filter((r) => r.path.startsWith(`/beta/${inventory}`));
      expect(sent.map((r) => r.path.includes("top=999"))).toEqual([true, false]);
      refuseAll = false;
      const next = front.seen.length;
      await serials(graph);
      // Not remembered: the next listing asks for $top=999 again.
      expect(front.seen.slice(next).find((r) => r.path.includes(inventory))?.path).toContain(
        "top=999",
      );
    } finally {
      await front.stop();
    }
  });
});
