import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createOathDirectory, resolveConnection } from "../../src/graph/index.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { startTestEmulator, testGroups, testUsers } from "../helpers/emulator.js";
import { startHostileGraph } from "../helpers/hostile-graph.js";
import { members, startTenant } from "../helpers/e2e.js";
import { tempDir } from "../helpers/files.js";

/*
The adapter's JSON batch (issue #11 item 2) over real HTTPS: 20 items a batch, each item's own
status, throttled items sent again by the adapter's retry rules; and the method count for the cap.
*/

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

function directory(emu: RunningEmulator, graphUrl = emu.url) {
  const env = { AZURE_CLIENT_SECRET: emu.clientSecret };
  const connection = resolveConnection(
    {
      tenant: emu.tenantId,
      clientId: emu.clientId,
      auth: "client-secret",
      graphUrl,
      authorityHost: emu.url,
    },
    env,
  );
  return createOathDirectory(connection, { scrubber: new Scrubber(), env, now: Date.now });
}

describe("the adapter's $batch", () => {
  it("sends 25 reads as batches of 20 and 5, each answer in the order asked, failures per item", async () => {
    emulator = await startTestEmulator();
    const graph = directory(emulator);
    const ids = Array.from({ length: 25 }, (_, i) =>
      i === 7 ? "0a000000-0000-4000-8000-0000000000ff" : testUsers.ana.id,
    );
    const outcomes = await graph.batch(
      "read users",
      ids.map((id) => ({ method: "GET", path: `/users/${id}`, needs: "User.Read.All" })),
    );
    expect(emulator.state().counters.requests["POST $batch"]).toBe(2);
    expect(outcomes.map((o) => o.ok)).toEqual(ids.map((_, i) => i !== 7));
    expect(outcomes[0]).toMatchObject({ ok: true, status: 200, body: { id: testUsers.ana.id } });
    expect(outcomes[7]).toMatchObject({ ok: false, failure: { kind: "not-found", status: 404 } });
  });

  it("sends a throttled item and a missing one again, after the item's Retry-After; a 403 item is not retried", async () => {
    // The proxy's certificate comes from the end-to-end tests' CA: an emulator of that CA.
    const tenant = await startTenant(tempDir(), members(1));
    const seen: string[][] = [];
    const hostile = await startHostileGraph(tenant, ({ method, path, body }) => {
      if (method !== "POST" || !path.endsWith("/$batch")) return undefined;
      const asked = (JSON.parse(body) as { requests: Array<{ id: string }> }).requests.map(
        (r) => r.id,
      );
      seen.push(asked);
      const ok = (id: string) => ({ id, status: 200, headers: {}, body: { value: [id] } });
      const responses =
        seen.length === 1
          ? [
              ok("1"),
              {
                id: "2",
                status: 429,
                headers: { "Retry-After": "0.05" },
                body: { error: { code: "TooManyRequests", message: "slow down" } },
              },
              // "3" is missing from the answer
              {
                id: "4",
                status: 403,
                headers: {},
                body: { error: { code: "Authorization_RequestDenied", message: "Insufficient" } },
              },
            ]
          : asked.map(ok);
      return { status: 200, body: { responses: responses.reverse() } };
    });
    const graph = directory(tenant, hostile.url);
    const outcomes = await graph.batch(
      "check groups",
      [1, 2, 3, 4].map((n) => ({
        method: "POST",
        path: `/users/u${n}/checkMemberGroups`,
        body: { groupIds: ["g"] },
        needs: "GroupMember.Read.All",
      })),
    );
    expect(seen).toEqual([
      ["1", "2", "3", "4"],
      ["2", "3"],
    ]);
    expect(outcomes.map((o) => (o.ok ? o.body : o.failure.kind))).toEqual([
      { value: ["1"] },
      { value: ["2"] },
      { value: ["3"] },
      "auth",
    ]);
  });

  it("memberOfGroups: transitive membership of the policy's groups, by user id", async () => {
    emulator = await startTestEmulator();
    const members = await directory(emulator).memberOfGroups(
      [testUsers.ana.id, testUsers.ben.id, testUsers.dan.id],
      [testGroups.pilot, testGroups.other],
    );
    expect(members).toEqual(
      new Map([
        [testUsers.ana.id, new Set([testGroups.pilot])],
        [testUsers.ben.id, new Set()],
        [testUsers.dan.id, new Set([testGroups.pilot])],
      ]),
    );
  });

  it("counts Microsoft Authenticator and software OATH methods towards the cap", async () => {
    emulator = await startTestEmulator();
    expect(await directory(emulator).countOathMethods(testUsers.dan.id)).toBe(2);
  });
});
