import { describe, expect, it } from "vitest";
import { AuthError } from "../../src/errors.js";
import { resolveConnection } from "../../src/graph/index.js";
import { runCli } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/*
Issue #15 item 10 (authority host): @azure/identity refuses a plain-http authority even on
loopback, by throwing a bare Error from a constructor, which the CLI could only report as "internal
error" (exit 70). The host rules now refuse it first: one sentence, a hint, exit 2.
*/

const ids = { tenant: "contoso.example", clientId: "11111111-2222-3333-4444-555555555555" };
const env = { AZURE_CLIENT_SECRET: "not-a-real-secret-0123456789" };

describe("a plain-http authority host", () => {
  it.each(["http://localhost", "http://127.0.0.1:8443", "http://[::1]:9000"])(
    "%s is refused by the host rules",
    (url) => {
      const call = () =>
        resolveConnection({ ...ids, auth: "client-secret", authorityHost: url }, env);
      expect(call).toThrow(AuthError);
      expect(call).toThrow(/--authority-host http:\/\/.* is refused: sign-in needs https:\/\//u);
    },
  );

  it("from AZURE_AUTHORITY_HOST too", () => {
    expect(() =>
      resolveConnection(
        { ...ids, auth: "client-secret" },
        { ...env, AZURE_AUTHORITY_HOST: "http://localhost" },
      ),
    ).toThrow(/sign-in needs https/u);
  });

  it("the real CLI says so with exit 2, not an internal error", async () => {
    const result = await runCli(
      [
        "list",
        "--authority-host",
        "http://localhost",
        "--tenant",
        ids.tenant,
        "--client-id",
        ids.clientId,
        "--auth",
        "client-secret",
      ],
      { cwd: tempDir(), env },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^--authority-host http:\/\/localhost is refused: sign-in needs https:\/\/\.\n/u,
    );
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /u);
  });
});
