import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GraphFailure } from "../../src/graph/graph-failure.js";
import type { Device, FailureKind } from "../../src/graph/port.js";
import type { RemoveEvent } from "../../src/events/remove-events.js";
import { removeTokens, type RemoveDeps } from "../../src/inventory/remove-tokens.js";
import { Journal } from "../../src/job/journal.js";
import { tempDir } from "../helpers/temp-dir.js";

/*
The branches of removeTokens the emulator cannot be made to take on purpose (or not in a test's
time): a token assigned again between lookup and delete (409), an auth failure that must stop the
run, and throttling that outlasts any fixed number of attempts. The directory here is a small
in-memory fake of the two port methods remove uses; the clock is a counter that sleeps advance.
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

const failure = (
  kind: FailureKind,
  status: number,
  code: string,
  retryAfterMs: number | null = null,
) =>
  new GraphFailure({
    kind,
    status,
    code,
    message: `${code} happened`,
    requestId: "r-1",
    retryAfterMs,
  });

function setUp(
  fail: (op: string, deviceId: string) => GraphFailure | null,
  signal = new AbortController().signal,
) {
  const events: RemoveEvent[] = [];
  const calls: string[] = [];
  let clock = 0;
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
    now: () => clock,
    sleep: (ms) => {
      clock += ms;
      return Promise.resolve();
    },
    random: () => 0,
    signal,
  };
  return { deps, events, calls, journal };
}

describe("removeTokens", () => {
  it("reports a token assigned again before its delete (409) as failed at delete", async () => {
    const { deps, calls, journal } = setUp((op) =>
      op === "delete" ? failure("conflict", 409, "Conflict") : null,
    );
    const [outcome] = await removeTokens(
      [{ serialNumber: "A", device: device("A", "u1"), action: "unassign-delete" }],
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
      [{ serialNumber: "B", device: device("B", "u1"), action: "unassign-delete" }],
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
      ["C", "D", "E"].map((s) => ({
        serialNumber: s,
        device: device(s, null),
        action: "delete" as const,
      })),
      { mode: "remove", concurrency: 1, upnOf: () => null },
      deps,
    );
    journal.close();
    expect(calls).toEqual(["delete id-C"]);
    expect(outcomes.map((o) => o.state)).toEqual(["failed", "not-attempted", "not-attempted"]);
  });

  it("waits out throttling however long it lasts (Retry-After each time), as import does", async () => {
    let throttles = 8; // more 429s in a row than any per-request retry limit
    const { deps, events, calls, journal } = setUp(() =>
      throttles-- > 0 ? failure("throttled", 429, "TooManyRequests", 1_000) : null,
    );
    const [outcome] = await removeTokens(
      [{ serialNumber: "T", device: device("T", null), action: "delete" }],
      { mode: "remove", concurrency: 1, upnOf: () => null },
      deps,
    );
    journal.close();
    expect(outcome?.state).toBe("deleted");
    expect(calls).toHaveLength(9);
    expect(events.filter((e) => e.type === "throttled")).toHaveLength(8);
    expect(events).toContainEqual({ type: "throttled", retryAfterMs: 1_000, stage: "delete" });
  });

  it("after Ctrl-C, a throttled token is not attempted again (and not reported failed)", async () => {
    const stop = new AbortController();
    const { deps, calls, journal } = setUp(() => {
      stop.abort();
      return failure("throttled", 429, "TooManyRequests", 5_000);
    }, stop.signal);
    const [outcome] = await removeTokens(
      [{ serialNumber: "S", device: device("S", null), action: "delete" }],
      { mode: "remove", concurrency: 1, upnOf: () => null },
      deps,
    );
    journal.close();
    expect(calls).toEqual(["delete id-S"]);
    expect(outcome?.state).toBe("not-attempted");
  });

  it("after Ctrl-C, a token unassigned before its delete was throttled is reported unassigned", async () => {
    const stop = new AbortController();
    const { deps, calls, events } = setUp((op) => {
      if (op === "unassign") return null;
      stop.abort();
      return failure("throttled", 429, "TooManyRequests", 5_000);
    }, stop.signal);
    const [outcome] = await removeTokens(
      [{ serialNumber: "S", device: device("S", "u-1"), action: "unassign-delete" }],
      { mode: "remove", concurrency: 1, upnOf: () => "ana@contoso.example" },
      deps,
    );
    expect(calls).toEqual(["unassign id-S", "delete id-S"]);
    // The user no longer holds it: the report must not say the token was left as it was.
    expect(outcome).toMatchObject({
      state: "unassigned",
      stage: "delete",
      upn: "ana@contoso.example",
      message:
        "unassigned; stopped before the delete (throttled): run the same command again to delete it",
    });
    expect(events.filter((e) => e.type === "token").map((e) => e.step)).toEqual(["unassigned"]);
  });
});
