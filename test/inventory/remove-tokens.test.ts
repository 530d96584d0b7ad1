import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GraphFailure } from "../../src/graph/graph-failure.js";
import type { Device, FailureKind } from "../../src/graph/port.js";
import type { RemoveEvent } from "../../src/inventory/remove-events.js";
import { removeTokens, type RemoveDeps } from "../../src/inventory/remove-tokens.js";
import { Journal } from "../../src/provision/journal.js";
import { tempDir } from "../helpers/temp-dir.js";

/*
The branches of removeTokens the emulator cannot be made to take on purpose: a token assigned
again between lookup and delete (409), and an auth failure that must stop the run. The directory
here is a small in-memory fake of the two port methods remove uses.
*/

const device = (serialNumber: string, holder: string | null): Device => ({
  id: `id-${serialNumber}`,
  serialNumber,
  manufacturer: "Token2",
  model: "C202",
  displayName: null,
  hashFunction: "hmacsha1",
  timeIntervalInSeconds: 30,
  status: holder === null ? "available" : "activated",
  assignedTo: holder === null ? null : { id: holder, displayName: null },
  lastUsedDateTime: null,
});

const failure = (kind: FailureKind, status: number, code: string) =>
  new GraphFailure({
    kind,
    status,
    code,
    message: `${code} happened`,
    requestId: "r-1",
    retryAfterMs: null,
  });

function setUp(fail: (op: string, deviceId: string) => GraphFailure | null) {
  const events: RemoveEvent[] = [];
  const calls: string[] = [];
  const journal = Journal.open(
    join(tempDir(), "j"),
    { command: "remove", inputSha256: "x", tenantId: "t", graphHost: "h" },
    Date.now,
  );
  const deps: RemoveDeps = {
    directory: {
      unassign: (_user, id) => {
        calls.push(`unassign ${id}`);
        const f = fail("unassign", id);
        return f === null ? Promise.resolve() : Promise.reject(f);
      },
      deleteDevice: (id) => {
        calls.push(`delete ${id}`);
        const f = fail("delete", id);
        return f === null ? Promise.resolve() : Promise.reject(f);
      },
    },
    journal,
    emit: (e) => events.push(e),
    sleep: () => Promise.resolve(),
    random: () => 0,
    signal: new AbortController().signal,
  };
  return { deps, events, calls, journal };
}

describe("removeTokens", () => {
  it("reports a token assigned again before its delete (409) as failed at delete", async () => {
    const { deps, calls, journal } = setUp((op) =>
      op === "delete" ? failure("conflict", 409, "Conflict") : null,
    );
    const [outcome] = await removeTokens(
      [{ serialNumber: "A", device: device("A", "u1") }],
      { mode: "remove", concurrency: 1, upnOf: () => "ann@example.com" },
      deps,
    );
    journal.close();
    expect(calls).toEqual(["unassign id-A", "delete id-A"]);
    expect(outcome).toMatchObject({
      state: "failed",
      stage: "delete",
      errorKind: "conflict",
      errorCode: "Conflict",
      upn: "ann@example.com",
    });
    expect(journal.get("A")?.phase).toBe("failed");
  });

  it("counts 'not found' as done on both writes", async () => {
    const { deps, journal } = setUp(() => failure("not-found", 404, "NotFound"));
    const [outcome] = await removeTokens(
      [{ serialNumber: "B", device: device("B", "u1") }],
      { mode: "remove", concurrency: 1, upnOf: () => null },
      deps,
    );
    journal.close();
    expect(outcome?.state).toBe("deleted");
  });

  it("stops starting tokens after an auth failure; the rest are not attempted", async () => {
    const { deps, calls, journal } = setUp(() =>
      failure("auth", 403, "Authorization_RequestDenied"),
    );
    const outcomes = await removeTokens(
      ["C", "D", "E"].map((s) => ({ serialNumber: s, device: device(s, null) })),
      { mode: "remove", concurrency: 1, upnOf: () => null },
      deps,
    );
    journal.close();
    expect(calls).toEqual(["delete id-C"]);
    expect(outcomes.map((o) => o.state)).toEqual(["failed", "not-attempted", "not-attempted"]);
  });
});
