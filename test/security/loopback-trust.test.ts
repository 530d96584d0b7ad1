import { describe, expect, it } from "vitest";
import { AuthError } from "../../src/errors.js";
import { isLoopback, resolveConnection } from "../../src/graph/index.js";

/*
Issue #15 item 11 (loopback): `*.localhost` was trusted by name, so `https://evil.localhost`
passed as loopback without --allow-host (and over plain http) although a resolver may send it
anywhere. Decision (docs/graph-adapter.md § Host rules): trust by name only `localhost`, plus the
addresses 127.0.0.0/8 and ::1; no name is resolved to check it.
*/

const ids = { tenant: "contoso.example", clientId: "11111111-2222-3333-4444-555555555555" };

describe("what counts as loopback", () => {
  it("localhost, 127.0.0.0/8 and ::1", () => {
    for (const host of ["localhost", "LocalHost", "127.0.0.1", "127.255.255.254", "[::1]", "::1"]) {
      expect(isLoopback(host), host).toBe(true);
    }
  });

  it("not a subdomain of localhost, nor anything that merely looks local", () => {
    for (const host of [
      "evil.localhost",
      "graph.localhost",
      "localhost.localdomain",
      "127.0.0.1.nip.io",
      "0.0.0.0",
      "[::ffff:7f00:1]",
      "[::]",
    ]) {
      expect(isLoopback(host), host).toBe(false);
    }
  });

  it("a *.localhost Graph URL or authority needs --allow-host, and plain http is refused", () => {
    for (const flag of ["graphUrl", "authorityHost"] as const) {
      expect(() =>
        resolveConnection({ ...ids, [flag]: "https://evil.localhost:8443" }, {}),
      ).toThrow(/is not an official Microsoft host/u);
      expect(() =>
        resolveConnection(
          { ...ids, [flag]: "http://evil.localhost:8443", allowHosts: ["evil.localhost"] },
          {},
        ),
      ).toThrow(AuthError);
    }
    const allowed = resolveConnection(
      { ...ids, graphUrl: "https://evil.localhost:8443", allowHosts: ["evil.localhost"] },
      {},
    );
    expect(allowed.graphUrl).toBe("https://evil.localhost:8443");
  });

  it("real loopback still needs no --allow-host", () => {
    for (const url of ["https://localhost:8443", "https://127.0.0.2:8443", "https://[::1]:8443"]) {
      expect(resolveConnection({ ...ids, graphUrl: url, authorityHost: url }, {}).graphUrl).toBe(
        url,
      );
    }
  });
});
