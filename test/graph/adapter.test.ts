import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "../../src/totp.js";
import {
  sampleUsersFile,
  startEmulator,
  trustEmulatorCa,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../src/emulator/index.js";
import {
  createOathDirectory,
  GraphFailure,
  resolveConnection,
  type DeviceToCreate,
  type OathDirectory,
} from "../../src/graph/index.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { Seed } from "../../src/secrets/seed.js";

/*
The real adapter — real SDK, real ClientSecretCredential, real TLS — against the real emulator.
The emulator's CA is trusted in-process with trustEmulatorCa; verification stays on.
*/

const adele = { id: "4f8674f8-6a31-479d-964b-f93b502990d6", upn: "adele.vance@contoso.example" };
const alex = "9b27db10-f991-4c87-aec4-301550a31904";
const guestUpn = "pat.guest_fabrikam.example#EXT#@contoso.example";

let certDir = "";
const running: RunningEmulator[] = [];
const scrubber = new Scrubber();
const seeds: Seed[] = [];
const failures: GraphFailure[] = [];
const directories: OathDirectory[] = [];

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), "oathkit-graph-test-"));
});

afterAll(async () => {
  await Promise.all(running.map((e) => e.stop()));
  await rm(certDir, { recursive: true, force: true });
});

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const e = await startEmulator({ usersFile: sampleUsersFile, certDir, ...options });
  running.push(e);
  trustEmulatorCa(e.caPem);
  return e;
}

function directory(
  e: RunningEmulator,
  extra: { writeTimeoutMs?: number; readTimeoutMs?: number; secret?: string } = {},
): OathDirectory {
  const { secret, ...timeouts } = extra;
  const env = { AZURE_CLIENT_SECRET: secret ?? e.clientSecret };
  const connection = resolveConnection(
    {
      tenant: e.tenantId,
      clientId: e.clientId,
      auth: "client-secret",
      graphUrl: e.url,
      authorityHost: e.url,
    },
    env,
  );
  const graph = createOathDirectory(connection, {
    scrubber,
    env,
    now: Date.now,
    sleep: () => Promise.resolve(),
    ...timeouts,
  });
  directories.push(graph);
  return graph;
}

let serialCounter = 0;
function newToken(overrides: Partial<DeviceToCreate> = {}): DeviceToCreate {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const seed = new Seed(bytes);
  seeds.push(seed);
  scrubber.add(...seed.textForms());
  serialCounter += 1;
  return {
    serialNumber: `GT${String(serialCounter).padStart(6, "0")}`,
    manufacturer: "Token2",
    model: "C202",
    seed,
    timeIntervalInSeconds: 30,
    hashFunction: "hmacsha1",
    displayName: null,
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<GraphFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphFailure) {
      failures.push(error);
      return error;
    }
    throw error;
  }
  throw new Error("expected a GraphFailure");
}

const codeOf = (token: DeviceToCreate, nowMs = Date.now()) =>
  totpCode(token.seed.bytes(), nowMs, token.timeIntervalInSeconds, token.hashFunction);

describe("Graph adapter against the emulator", () => {
  let e: RunningEmulator;
  let graph: OathDirectory;

  beforeAll(async () => {
    e = await emulator({ pageSize: 2 });
    graph = directory(e);
  });

  it("reads the method policy and looks users up by id, UPN and #EXT# guest UPN", async () => {
    expect(await graph.getMethodPolicy()).toMatchObject({ state: "enabled" });
    const byUpn = await graph.getUser(adele.upn);
    expect(byUpn).toMatchObject({ id: adele.id, accountEnabled: true, userType: "Member" });
    expect(await graph.getUser(adele.id)).toEqual(byUpn);
    const guest = await graph.getUser(guestUpn);
    expect(guest).toMatchObject({ userPrincipalName: guestUpn, userType: "Guest" });
    expect(await graph.getUser("nobody@contoso.example")).toBeNull();
  });

  it("creates, finds, assigns, activates, unassigns and deletes a token", async () => {
    const token = newToken();
    const created = await graph.createDevice(token);
    expect(created).toMatchObject({ serialNumber: token.serialNumber, status: "available" });
    expect(await graph.getDevice(created.id)).toEqual(created);
    expect((await graph.findDeviceBySerial(token.serialNumber))?.id).toBe(created.id);
    expect(await graph.findDeviceBySerial("no-such-serial")).toBeNull();

    await graph.assign(adele.id, created.id);
    expect(await graph.getDevice(created.id)).toMatchObject({
      status: "assigned",
      assignedTo: { id: adele.id },
    });
    await graph.activate(adele.id, created.id, codeOf(token), "Adele's C202");
    expect((await graph.getDevice(created.id))?.status).toBe("activated");

    await graph.unassign(adele.id, created.id);
    expect(await graph.getDevice(created.id)).toMatchObject({
      status: "available",
      assignedTo: null,
    });
    await graph.deleteDevice(created.id);
    expect(await graph.getDevice(created.id)).toBeNull();
  });

  it("assigns and activates in one call, and creates assigned", async () => {
    const token = newToken();
    const created = await graph.createDevice(token);
    await graph.assignAndActivate(alex, created.id, codeOf(token));
    expect(await graph.getDevice(created.id)).toMatchObject({
      status: "activated",
      assignedTo: { id: alex },
    });
    const preassigned = await graph.createDevice(newToken({ assignToUserId: alex }));
    expect(preassigned.assignedTo?.id).toBe(alex);
  });

  it("rejects a wrong code without retrying, and the message holds no seed or code", async () => {
    const token = newToken();
    const created = await graph.createDevice(token);
    await graph.assign(adele.id, created.id);
    const failure = await failureOf(graph.activate(adele.id, created.id, "000000"));
    expect(failure.kind).toBe("rejected");
    expect(failure.status).toBe(400);
    expect(failure.requestId).not.toBeNull();
  });

  it("bulk-creates with per-item results and pages through the inventory", async () => {
    const tokens = [newToken(), newToken(), newToken(), newToken({ model: "Model 'Q'" })];
    const results = await graph.createDevices(tokens);
    expect(results.map((r) => [r.serialNumber, r.ok])).toEqual(
      tokens.map((t) => [t.serialNumber, true]),
    );
    const all: string[] = [];
    let availableInAll = 0;
    for await (const device of graph.listDevices()) {
      all.push(device.serialNumber);
      if (device.status === "available") availableInAll += 1;
    }
    expect(all.length).toBeGreaterThan(4); // page size 2: several nextLinks followed
    for (const t of tokens) expect(all).toContain(t.serialNumber);

    // A filter survives paging: the nextLink carries it.
    let available = 0;
    for await (const d of graph.listDevices({ status: "available" })) {
      expect(d.status).toBe("available");
      available += 1;
    }
    expect(available).toBe(availableInAll);
    expect(available).toBeGreaterThanOrEqual(4); // two pages or more

    const quoted: string[] = [];
    for await (const d of graph.listDevices({ model: "Model 'Q'", status: "available" })) {
      quoted.push(d.serialNumber);
    }
    expect(quoted).toEqual([tokens[3]!.serialNumber]);
  });

  it("a bulk request the emulator refuses as a whole makes every item non-ok", async () => {
    const good = newToken();
    const duplicate = { ...newToken(), serialNumber: good.serialNumber };
    const results = await graph.createDevices([good, duplicate]);
    expect(results.every((r) => !r.ok)).toBe(true);
    for (const r of results) if (!r.ok) expect(["rejected", "conflict"]).toContain(r.failure.kind);
  });

  it("counts the user's OATH methods through /authentication/methods, by id or UPN", async () => {
    const before = await graph.countOathMethods(adele.id);
    const device = await graph.createDevice(newToken());
    await graph.assign(adele.id, device.id);
    expect(await graph.countOathMethods(adele.id)).toBe(before + 1);
    expect(await graph.countOathMethods(adele.upn)).toBe(before + 1);
  });

  it("maps 404 to not-found on writes", async () => {
    const failure = await failureOf(graph.deleteDevice("00000000-0000-4000-8000-000000000000"));
    expect(failure.kind).toBe("not-found");
  });

  it("records a Date sample for every response", () => {
    const samples = graph.dateSamples();
    expect(samples.length).toBeGreaterThan(10);
    for (const s of samples) {
      expect(s.receivedAtMs).toBeGreaterThanOrEqual(s.sentAtMs);
      expect(Math.abs(Date.parse(s.serverDate) - s.receivedAtMs)).toBeLessThan(5_000);
    }
  });
});

describe("Graph adapter under faults", () => {
  it("surfaces 429 as throttled with the Retry-After wait, and does not retry the write", async () => {
    const e = await emulator({ writeRate: 1 });
    const graph = directory(e);
    let throttled: GraphFailure | undefined;
    for (let i = 0; i < 4 && throttled === undefined; i += 1) {
      try {
        await graph.createDevice(newToken());
      } catch (error) {
        if (!(error instanceof GraphFailure)) throw error;
        failures.push(error);
        throttled = error;
      }
    }
    expect(throttled?.kind).toBe("throttled");
    expect(throttled?.status).toBe(429);
    // Fractional seconds, as Graph sends them (docs/emulator.md): the time until the bucket holds one write.
    expect(throttled?.retryAfterMs).toBeGreaterThan(0);
    expect(throttled?.retryAfterMs).toBeLessThanOrEqual(1000);
  });

  it("reports the write limit's use that a successful write's answer carries", async () => {
    const graph = directory(await emulator({ writeRate: 5 }));
    expect(graph.writeLoad()).toBeNull();
    // A full bucket lets one bulk of 50 through: 50 writes of the 50 that 10 s allow.
    await graph.createDevices(Array.from({ length: 50 }, () => newToken()));
    expect(graph.writeLoad()).toBe(1);
    await graph.findDeviceBySerial("not-there"); // a read says nothing of the write limit
    expect(graph.writeLoad()).toBe(1);
    const roomy = directory(await emulator({ writeRate: 1_000 }));
    await roomy.createDevice(newToken());
    expect(roomy.writeLoad()).toBeNull();
  });

  it.each([["503"], ["lost"], ["reset"]] as const)(
    "surfaces the %s fault on writes as unclear",
    async (fault) => {
      const e = await emulator({ faultRate: 1, faultKinds: [fault], seed: 7 });
      const graph = directory(e);
      for (let i = 0; i < 3; i += 1) {
        const failure = await failureOf(graph.createDevice(newToken()));
        expect(failure.kind).toBe("unclear");
        expect(failure.message).toMatch(/may have been applied/u);
      }
      // Reads never get faults: the inventory can be reconciled.
      expect(await graph.getMethodPolicy()).toMatchObject({ state: "enabled" });
    },
  );

  it("times a slow write out as unclear", async () => {
    const e = await emulator({ latencyMs: 400 });
    const graph = directory(e, { writeTimeoutMs: 100 });
    const failure = await failureOf(graph.createDevice(newToken()));
    expect(failure.kind).toBe("unclear");
    expect(failure.code).toBe("TimeoutError");
  });

  it("retries a read that times out, up to five attempts, then reports it unclear", async () => {
    // Each attempt gets 250 ms: time to reach the emulator even on a loaded machine (so the
    // emulator counts it), far less than its 1 s latency (so it always times out).
    const e = await emulator({ latencyMs: 1_000 });
    const graph = directory(e, { readTimeoutMs: 250 });
    const failure = await failureOf(graph.getMethodPolicy());
    expect([failure.kind, failure.code]).toEqual(["unclear", "TimeoutError"]);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // let the emulator finish them
    const policyReads = Object.entries(e.state().counters.requests)
      .filter(([name]) => name.endsWith("/hardwareOath"))
      .reduce((n, [, count]) => n + count, 0);
    expect(policyReads).toBe(5);
  });

  it("recovers once from a 401 when the token is no longer accepted", async () => {
    // MSAL renews tokens that expire within 5 minutes before using them, so a short emulator TTL
    // never yields a 401. A restarted emulator forgets its tokens: the cached one then gets 401.
    const first = await emulator({ clientSecret: "emulator-secret-for-401-test" });
    const graph = directory(first);
    expect(await graph.getMethodPolicy()).toMatchObject({ state: "enabled" });
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const second = await emulator({
      port: first.port,
      clientSecret: "emulator-secret-for-401-test",
    });
    // A write: the single fresh-token retry is the one retry writes ever get.
    const before = graph.dateSamples().length;
    const created = await graph.createDevice(newToken());
    expect(created.status).toBe("available");
    expect(graph.dateSamples().length - before).toBe(2); // the 401, then the 201
    expect(second.state().devices).toHaveLength(1); // applied once
  });

  it("takes Date samples from a skewed emulator clock, error responses included", async () => {
    const e = await emulator({ clockSkewSec: 120 });
    const graph = directory(e);
    await graph.getUser("nobody@contoso.example"); // a 404
    const samples = graph.dateSamples();
    expect(samples.length).toBeGreaterThanOrEqual(1);
    for (const s of samples) {
      const skewMs = Date.parse(s.serverDate) - (s.sentAtMs + s.receivedAtMs) / 2;
      expect(skewMs).toBeGreaterThan(118_000);
      expect(skewMs).toBeLessThan(122_000);
    }
  });
});

describe("sign-in and trust", () => {
  it("a refused client secret is an auth failure, and the secret is not in the message", async () => {
    const e = await emulator();
    const wrong = "not-the-emulator-secret-0123456789";
    const failure = await failureOf(directory(e, { secret: wrong }).getMethodPolicy());
    expect(failure.kind).toBe("auth");
    expect(failure.message).not.toContain(wrong);
  });

  it("an emulator whose CA is not trusted is refused, never bypassed", async () => {
    const otherCa = await mkdtemp(join(tmpdir(), "oathkit-graph-untrusted-"));
    try {
      const untrusted = await startEmulator({ usersFile: sampleUsersFile, certDir: otherCa });
      running.push(untrusted);
      // Sign-in against it fails.
      const signIn = await failureOf(directory(untrusted).getMethodPolicy());
      expect(signIn.kind).toBe("auth");
      // Signed in elsewhere, Graph calls to it fail on the certificate.
      const trusted = await emulator();
      const env = { AZURE_CLIENT_SECRET: trusted.clientSecret };
      const connection = resolveConnection(
        {
          tenant: trusted.tenantId,
          clientId: trusted.clientId,
          auth: "client-secret",
          graphUrl: untrusted.url,
          authorityHost: trusted.url,
        },
        env,
      );
      const graph = createOathDirectory(connection, { scrubber, env, now: Date.now });
      const tls = await failureOf(graph.createDevice(newToken()));
      expect([tls.kind, tls.code]).toEqual(["auth", "TlsError"]);
      expect(untrusted.state().counters.requests).toEqual({});
    } finally {
      await rm(otherCa, { recursive: true, force: true });
    }
  });
});

describe("secrets", () => {
  it("scrubs a seed that the server echoes back in an error message", async () => {
    const e = await emulator();
    const graph = directory(e);
    // Contrived: a serial equal to a registered seed, so the 409 message quotes it.
    const echoed = newToken();
    const token = newToken({ serialNumber: echoed.seed.toBase32() });
    await graph.createDevice(token);
    const failure = await failureOf(graph.createDevice({ ...token, seed: echoed.seed }));
    expect(failure.kind).toBe("conflict");
    expect(failure.message).toContain("[redacted]");
  });

  it("no failure message or recorded string in this file holds a seed", () => {
    const text = [
      ...failures.map((f) => `${f.message} ${JSON.stringify(f.info())}`),
      ...directories.map((d) => JSON.stringify(d.dateSamples())),
    ].join("\n");
    expect(failures.length).toBeGreaterThan(5);
    for (const seed of seeds) for (const form of seed.textForms()) expect(text).not.toContain(form);
  });
});
