import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createOathDirectory, resolveConnection } from "../../src/graph/index.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { startTestEmulator, testGroups, testUsers } from "../helpers/emulator.js";
import { startHostileGraph } from "../helpers/hostile-graph.js";
import { members, startTenant, type TestUser } from "../helpers/e2e.js";
import { Seed } from "../../src/secrets/seed.js";
import { randomBytes } from "node:crypto";
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

function directory(emu: RunningEmulator, graphUrl = emu.url, random: () => number = Math.random) {
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
  return createOathDirectory(connection, { scrubber: new Scrubber(), env, now: Date.now, random });
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

/*
Pre-flight's reads in JSON batches (issue #12): getUser, countOathMethods and findDeviceBySerial
for many at once, with the same requests and parses as the single calls.
*/
describe("batched reads", () => {
  /** 240 users (every tenth with two software OATH methods) and 10 UPNs nobody has. */
  const people = (): TestUser[] =>
    members(240).map((u, i) => (i % 10 === 0 ? { ...u, existingMethods: 2 } : u));
  const asked = [
    ...people().map((u) => u.upn),
    ...Array.from({ length: 10 }, (_, i) => `nobody${i}@contoso.example`),
  ];

  it("readUsers: 250 users and their method counts in 26 envelopes instead of 500 requests; a missing user is null", async () => {
    const tenant = await startTenant(tempDir(), people());
    const read = await directory(tenant).readUsers(asked);
    const counters = tenant.state().counters;
    expect(counters.requests["POST $batch"]).toBe(26); // 13 of users, 13 of method lists
    expect(counters.requests["GET users/{uid}"]).toBe(250); // their items
    expect(counters.requests["GET users/{uid}/authentication/methods"]).toBe(250);
    expect(read.size).toBe(250);
    expect(read.get("user1@contoso.example")).toMatchObject({
      user: { userPrincipalName: "user1@contoso.example", accountEnabled: true },
      oathMethods: 2,
    });
    expect(read.get("user2@contoso.example")?.oathMethods).toBe(0);
    expect(read.get("nobody3@contoso.example")).toEqual({ user: null, oathMethods: 0 });
  });

  it("items answered 429 (the emulator's read quota, counted per item) are sent again and all come back", async () => {
    const tenant = await startTenant(tempDir(), people(), { readRate: 40 });
    // The longest backoff each time, so the retries outlast the quota's refill for certain.
    const read = await directory(tenant, tenant.url, () => 1).readUsers(asked.slice(0, 30));
    const counters = tenant.state().counters;
    expect(counters.readsThrottled).toBeGreaterThan(0);
    expect(counters.requests["POST $batch"]).toBeGreaterThan(4);
    expect([...read.values()].every((r) => r.user !== null)).toBe(true);
    expect(read.get("user11@contoso.example")?.oathMethods).toBe(2);
  });

  it("a method list longer than a page is counted again with countOathMethods", async () => {
    const tenant = await startTenant(
      tempDir(),
      [{ upn: "many@contoso.example", existingMethods: 3 }],
      {
        pageSize: 1,
      },
    );
    const read = await directory(tenant).readUsers(["many@contoso.example"]);
    expect(read.get("many@contoso.example")?.oathMethods).toBe(3);
    // One item in the batch, then the single call's four pages (the password is a method too).
    expect(tenant.state().counters.requests["GET users/{uid}/authentication/methods"]).toBe(5);
  });

  it("a 403 item names the permission of its own read, not the group check's", async () => {
    const tenant = await startTenant(tempDir(), members(2), { appRoles: ["User.Read.All"] });
    const error = await directory(tenant)
      .readUsers(["user1@contoso.example"])
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toContain("Needs UserAuthenticationMethod.Read.All");
    expect(error?.message).not.toContain("GroupMember");
    expect(tenant.state().counters.requests["POST $batch"]).toBe(2);
  });

  it("findDevicesBySerial: the serials found, in one envelope for 20", async () => {
    const tenant = await startTenant(tempDir(), members(1));
    const graph = directory(tenant);
    const serials = Array.from({ length: 20 }, (_, i) => `BATCH-${i}`);
    for (const serialNumber of serials.slice(0, 3)) {
      await graph.createDevice({
        serialNumber,
        manufacturer: "Token2",
        model: "C202",
        seed: new Seed(randomBytes(20)),
        timeIntervalInSeconds: 30,
        hashFunction: "hmacsha1",
        displayName: null,
      });
    }
    const found = await graph.findDevicesBySerial(serials);
    expect([...found.keys()].sort()).toEqual(serials.slice(0, 3));
    expect(found.get("BATCH-1")).toMatchObject({ serialNumber: "BATCH-1", status: "available" });
    expect(tenant.state().counters.requests["POST $batch"]).toBe(1);
  });
});
