import { describe, expect, it } from "vitest";
import { tokenClaims } from "../../src/graph/token-claims.js";

const jwt = (claims: Record<string, unknown>) =>
  ["{}", JSON.stringify(claims), "sig"]
    .map((p, i) => (i === 2 ? p : Buffer.from(p).toString("base64url")))
    .join(".");

describe("what an access token says about who is signed in", () => {
  it("reads the tenant and an app (v1 appid, v2 azp) or a person (upn, preferred_username)", () => {
    const tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    expect(
      tokenClaims(jwt({ tid, appid: "app-1", idtyp: "app", app_displayname: "oathkit MSP" })),
    ).toEqual({
      tenantId: tid,
      signedInAs: { kind: "app", id: "app-1" },
      appName: "oathkit MSP",
    });
    expect(tokenClaims(jwt({ tid, azp: "app-2" }))).toEqual({
      tenantId: tid,
      signedInAs: { kind: "app", id: "app-2" },
      appName: null,
    });
    expect(tokenClaims(jwt({ tid, appid: "app-3", upn: "admin@contoso.com" })).signedInAs).toEqual({
      kind: "user",
      id: "admin@contoso.com",
    });
    expect(
      tokenClaims(jwt({ tid, azp: "a", preferred_username: "ops@contoso.com" })).signedInAs,
    ).toEqual({ kind: "user", id: "ops@contoso.com" });
  });

  it("gives nothing for an opaque token rather than failing", () => {
    expect(tokenClaims("opaque-token")).toEqual({
      tenantId: null,
      signedInAs: null,
      appName: null,
    });
    expect(tokenClaims("a.!!!.c")).toEqual({ tenantId: null, signedInAs: null, appName: null });
  });
});
