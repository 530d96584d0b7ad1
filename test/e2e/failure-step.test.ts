import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../src/emulator/index.js";
import { tempDir } from "../helpers/temp-dir.js";
import {
  makeTokens,
  members,
  runChild,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";

/*
A failed sign-in or Graph call names the step that failed (the sign-in service or Microsoft
Graph), the host, and why — with the real @azure/identity and Graph client against a closed port,
an emulator with the wrong secret, and one whose certificate this process does not trust.
*/

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Replaces the value after `flag` in a copy of `args`. */
function withFlag(args: readonly string[], flag: string, value: string): string[] {
  const copy = [...args];
  copy[copy.indexOf(flag) + 1] = value;
  return copy;
}

async function setUp() {
  const dir = tempDir();
  const emulator = await startTenant(dir, members(1));
  writeSeedCsv(join(dir, "tokens.csv"), makeTokens(["user1@contoso.example"], "F"), "base32");
  const { args, env } = tenantArgs(emulator);
  return { dir, emulator, args, env };
}

/** stderr is exactly the sentence and its hint; exit 2; nothing on stdout but validation. */
function expectFatal(result: { code: number | null; stderr: string }, sentence: string) {
  expect(result.code).toBe(2);
  const [first, hint, ...rest] = result.stderr.trimEnd().split("\n");
  expect(first).toBe(sentence);
  expect(hint).toMatch(/nothing was changed\.$/u);
  expect(rest).toEqual([]);
}

describe("a failure names its step and host", () => {
  it("sign-in service unreachable (closed port): says so, not 'Microsoft Graph answered nothing'", async () => {
    const t = await setUp();
    const port = await closedPort();
    const args = withFlag(t.args, "--authority-host", `https://127.0.0.1:${port}`);
    const result = await runChild(["import", "tokens.csv", "--dry-run", ...args], {
      cwd: t.dir,
      env: t.env,
    });
    expectFatal(
      result,
      `Could not reach the sign-in service at 127.0.0.1:${port}: connection refused (ECONNREFUSED).`,
    );
  }, 60_000);

  it("Microsoft Graph unreachable while sign-in works: names Graph and its host", async () => {
    const t = await setUp();
    const port = await closedPort();
    const args = withFlag(t.args, "--graph-url", `https://127.0.0.1:${port}`);
    const result = await runChild(["list", ...args], { cwd: t.dir, env: t.env });
    expectFatal(
      result,
      `Could not reach Microsoft Graph at 127.0.0.1:${port}: connection refused (ECONNREFUSED).`,
    );
  }, 60_000);

  it("refused credentials are told apart from the network", async () => {
    const t = await setUp();
    const host = new URL(t.emulator.url).host;
    const result = await runChild(["remove", "F00001", "--yes", ...t.args], {
      cwd: t.dir,
      env: { ...t.env, AZURE_CLIENT_SECRET: "not-the-secret" },
    });
    expectFatal(
      result,
      `The sign-in service at ${host} refused the sign-in: AADSTS7000215: Invalid client secret provided.`,
    );
    expect(result.stderr).not.toContain("not-the-secret");
  }, 60_000);

  it("a sign-in service whose certificate is not trusted: says which certificate, and how to trust it", async () => {
    const t = await setUp();
    const certDir = mkdtempSync(join(tmpdir(), "oathkit-other-ca-"));
    const other = await startEmulator({ certDir }); // its own CA, not in NODE_EXTRA_CA_CERTS
    try {
      const args = withFlag(t.args, "--authority-host", other.url);
      const result = await runChild(["list", ...args], { cwd: t.dir, env: t.env });
      expectFatal(
        result,
        `Could not reach the sign-in service at ${new URL(other.url).host}: its TLS certificate is not trusted (SELF_SIGNED_CERT_IN_CHAIN).`,
      );
      expect(result.stderr).toContain("NODE_EXTRA_CA_CERTS");
    } finally {
      await other.stop();
      rmSync(certDir, { recursive: true, force: true });
    }
  }, 60_000);
});
