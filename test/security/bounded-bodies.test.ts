import { describe, expect, it } from "vitest";
import { maxBodyBytes, maxErrorBodyBytes } from "../../src/graph/bounded-body.js";
import type { Answer, Seen } from "../helpers/hostile-server.js";
import { failureOf, hostileTestbed } from "../helpers/hostile-testbed.js";

/*
Issue #15: a Graph answer is read only up to a limit. A hostile front before a real emulator
answers one request with a body just over the limit — well-formed JSON, so without the limit the
Graph client would read it all and the call would succeed.
*/

const bed = hostileTestbed("oathkit-bounded-");

async function directoryBehind(answer: (request: Seen) => Answer) {
  const front = await bed.front(answer);
  return bed.directoryAt(front.url);
}

/** A JSON user whose display name pads the body to `bytes`. */
const paddedUser = (bytes: number) =>
  JSON.stringify({
    id: "00000000-0000-0000-0000-000000000001",
    userPrincipalName: "pad@contoso.example",
    displayName: "x".repeat(bytes),
    accountEnabled: true,
    userType: "Member",
  });

describe("a Graph answer larger than its limit", () => {
  it("a success is not read past the limit: the call fails as too large, never as the user", async () => {
    const directory = await directoryBehind((r) =>
      r.method === "GET" && r.path.includes("/users/")
        ? {
            status: 200,
            headers: { "content-type": "application/json" },
            body: paddedUser(maxBodyBytes),
          }
        : "forward",
    );
    const failure = await failureOf(directory.getUser("pad@contoso.example"));
    expect(failure.code).toBe("ResponseTooLarge");
    expect(failure.message).toContain("larger than 16 MB");
  });

  it("an error keeps its status; its oversized text is never shown", async () => {
    const marker = "HOSTILE-TEXT";
    const body = JSON.stringify({
      error: { code: "BadRequest", message: marker.repeat(maxErrorBodyBytes / marker.length + 1) },
    });
    const directory = await directoryBehind((r) =>
      r.method === "GET" && r.path.includes("/users/")
        ? { status: 400, headers: { "content-type": "application/json" }, body }
        : "forward",
    );
    const failure = await failureOf(directory.getUser("pad@contoso.example"));
    expect([failure.status, failure.code]).toEqual([400, "ResponseTooLarge"]);
    expect(failure.message).not.toContain(marker);
  });

  it("an answer under the limit reads as before", async () => {
    const directory = await directoryBehind((r) =>
      r.method === "GET" && r.path.includes("/users/")
        ? {
            status: 200,
            headers: { "content-type": "application/json" },
            body: paddedUser(1 << 20),
          }
        : "forward",
    );
    const user = await directory.getUser("pad@contoso.example");
    expect(user?.userPrincipalName).toBe("pad@contoso.example");
  });
});
