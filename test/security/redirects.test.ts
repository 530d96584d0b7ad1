import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DeviceToCreate } from "../../src/graph/index.js";
import { Seed } from "../../src/secrets/seed.js";
import { findSecrets, makeTokens, runCli, secretsOf, writeSeedCsv } from "../helpers/e2e.js";
import { observeConnections, type Answer } from "../helpers/hostile-server.js";
import { failureOf, hostileTestbed } from "../helpers/hostile-testbed.js";

/*
Issue #15 item 1: a redirect is never followed, on any request oathkit makes — Graph calls through
the Graph client (global fetch) and the sign-in requests @azure/identity/MSAL make (the Azure SDK
pipeline over node:https). A hostile front on loopback forwards everything to a real emulator
except what the test makes it answer with a 3xx.
*/

const bed = hostileTestbed("oathkit-redirect-");
const { front, recorder, directoryAt } = bed;
const devices = `/beta/directory/authenticationMethodDevices/hardwareOathDevices`;
/** Documentation range (RFC 5737): not loopback, never routable; nothing may even try it. */
const farTarget = "http://203.0.113.7:8080/steal";

function newDevice(): { device: DeviceToCreate; base32: string } {
  const seed = new Seed(randomBytes(20));
  const device: DeviceToCreate = {
    serialNumber: `R${randomBytes(4).toString("hex")}`,
    manufacturer: "Token2",
    model: "C202",
    seed,
    timeIntervalInSeconds: 30,
    hashFunction: "hmacsha1",
    displayName: null,
  };
  return { device, base32: seed.toBase32() };
}

const redirect = (status: number, location: string): Answer => ({
  status,
  headers: { Location: location },
});

describe("Graph requests", () => {
  it.each([307, 308])(
    "a create answered %i to another origin is not re-sent; the failure names the host",
    async (status) => {
      const target = await recorder();
      const hostile = await front((r) =>
        r.method === "POST" && r.path.startsWith(devices)
          ? redirect(status, `${target.url}/x`)
          : "forward",
      );
      const { device, base32 } = newDevice();
      const failure = await failureOf(directoryAt(hostile.url).createDevice(device));
      expect(failure).toMatchObject({ kind: "auth", status, code: "Redirect" });
      expect(failure.message).toContain(new URL(target.url).host);
      expect(failure.message).not.toContain(base32);
      expect(target.seen).toEqual([]);
      expect(hostile.seen.filter((r) => r.body.includes(base32))).toHaveLength(1);
    },
  );

  it("a redirect to plain http on a non-loopback host: no connection is even tried", async () => {
    const connections = observeConnections();
    const hostile = await front((r) =>
      r.method === "PATCH" ? redirect(307, farTarget) : "forward",
    );
    const { device, base32 } = newDevice();
    const results = await directoryAt(hostile.url).createDevices([device]);
    connections.stop();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false, failure: { kind: "auth", status: 307 } });
    const failure = results[0]?.ok === false ? results[0].failure : null;
    expect(failure?.message).toContain("203.0.113.7");
    expect(connections.hosts.filter((h) => h.startsWith("203.0.113.7"))).toEqual([]);
    expect(hostile.seen.filter((r) => r.body.includes(base32))).toHaveLength(1);
  });

  it("a same-origin redirect of a create is not followed either", async () => {
    const hostile = await front((r) =>
      r.method === "POST" && r.path.startsWith(devices)
        ? redirect(307, "/beta/elsewhere")
        : "forward",
    );
    const { device } = newDevice();
    const failure = await failureOf(directoryAt(hostile.url).createDevice(device));
    expect(failure).toMatchObject({ kind: "auth", code: "Redirect" });
    expect(hostile.seen.filter((r) => r.path.includes("elsewhere"))).toEqual([]);
  });

  it("a read answered 302 is not followed and not retried", async () => {
    const target = await recorder();
    const hostile = await front((r) =>
      r.method === "GET" && r.path.startsWith(devices)
        ? redirect(302, `${target.url}/list`)
        : "forward",
    );
    const failure = await failureOf(directoryAt(hostile.url).findDeviceBySerial("X1"));
    expect(failure).toMatchObject({ kind: "auth", status: 302, code: "Redirect" });
    expect(target.seen).toEqual([]);
    expect(hostile.seen.filter((r) => r.path.startsWith(devices))).toHaveLength(1);
  });
});

describe("sign-in requests (@azure/identity, MSAL)", () => {
  it.each([
    ["a same-origin 307", 307, (_target: string) => "/token-elsewhere"],
    ["a 307 to another origin", 307, (target: string) => `${target}/token`],
    ["a 308 to plain http off loopback", 308, (_target: string) => farTarget],
  ])("the token request answered with %s is not re-sent", async (_name, status, location) => {
    const target = await recorder();
    const connections = observeConnections();
    const hostile = await front((r) =>
      r.method === "POST" && r.path.includes("/oauth2/v2.0/token")
        ? redirect(status, location(target.url))
        : "forward",
    );
    const failure = await failureOf(directoryAt(hostile.url).getMethodPolicy());
    connections.stop();
    expect(failure.kind).toBe("auth");
    expect(failure.code).toBe("Redirect");
    const where = new URL(location(target.url), hostile.url).host;
    expect(failure.message).toContain(where);
    expect(failure.message).toContain("never follows a redirect");
    expect(failure.message).not.toContain(bed.emulator.clientSecret);
    const tokenRequests = hostile.seen.filter((r) => r.path.includes("/oauth2/v2.0/token"));
    expect(tokenRequests).toHaveLength(1);
    expect(hostile.seen.filter((r) => r.path.includes("token-elsewhere"))).toEqual([]);
    expect(target.seen).toEqual([]);
    expect(connections.hosts.filter((h) => h.startsWith("203.0.113.7"))).toEqual([]);
  });

  it("the authority's metadata answered 301 is not followed", async () => {
    const hostile = await front((r) =>
      r.method === "GET" && r.path.includes("openid-configuration")
        ? redirect(301, "/moved/openid-configuration")
        : "forward",
    );
    const failure = await failureOf(directoryAt(hostile.url).getMethodPolicy());
    expect(failure).toMatchObject({ kind: "auth", code: "Redirect" });
    expect(hostile.seen.filter((r) => r.path.startsWith("/moved"))).toEqual([]);
    expect(hostile.seen.filter((r) => r.path.includes("openid-configuration"))).toHaveLength(1);
  });
});

describe("a whole import run (the real CLI)", () => {
  it("stops at the first redirected write: one request carries the seeds, exit 2, host named", async () => {
    const target = await recorder();
    const hostile = await front((r) =>
      r.method !== "GET" && r.path.startsWith(devices)
        ? redirect(307, `${target.url}/x`)
        : "forward",
    );
    const dir = await mkdtemp(join(bed.certDir, "run-"));
    const tokens = makeTokens([null, null, null, null], "RD");
    writeSeedCsv(join(dir, "tokens.csv"), tokens, "base32");
    const result = await runCli(
      [
        "import",
        "tokens.csv",
        "--mode",
        "inventory",
        "--yes",
        "--graph-url",
        hostile.url,
        "--authority-host",
        hostile.url,
        "--tenant",
        bed.emulator.tenantId,
        "--client-id",
        bed.emulator.clientId,
        "--auth",
        "client-secret",
      ],
      {
        cwd: dir,
        env: {
          AZURE_CLIENT_SECRET: bed.emulator.clientSecret,
          NODE_EXTRA_CA_CERTS: bed.emulator.caFile,
        },
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(new URL(target.url).host);
    expect(result.stderr).toContain("never follows a redirect");
    const writes = hostile.seen.filter((r) => r.method !== "GET" && r.path.startsWith(devices));
    expect(writes).toHaveLength(1);
    expect(target.seen).toEqual([]);
    expect(
      findSecrets({ stdout: result.stdout, stderr: result.stderr }, secretsOf(tokens)),
    ).toEqual([]);
    expect(bed.emulator.state().devices.filter((d) => d.serialNumber.startsWith("RD"))).toEqual([]);
  });
});
