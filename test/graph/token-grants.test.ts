import { describe, expect, it } from "vitest";
import { tokenGrants } from "../../src/graph/token-grants.js";

const jwt = (claims: Record<string, unknown>) =>
  ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "sig"].join(".");

describe("tokenGrants", () => {
  it("reads a person's scopes (no OpenID ones) and names the directory roles of wids", () => {
    const grants = tokenGrants(
      jwt({
        scp: "UserAuthenticationMethod.ReadWrite.All User.Read.All openid profile offline_access",
        wids: [
          "c4e39bd9-1100-46d3-8c65-fb160da0071f",
          "b79fbf4d-3ef9-4689-8143-76b194e85509",
          "11111111-0000-0000-0000-000000000000",
        ],
      }),
    );
    expect(grants).toEqual({
      scopes: ["UserAuthenticationMethod.ReadWrite.All", "User.Read.All"],
      appRoles: [],
      directoryRoles: ["Authentication Administrator", "11111111-0000-0000-0000-000000000000"],
    });
  });

  it("reads an app's roles; an opaque token grants nothing it can tell", () => {
    expect(tokenGrants(jwt({ roles: ["Policy.ReadWrite.AuthenticationMethod"] })).appRoles).toEqual(
      ["Policy.ReadWrite.AuthenticationMethod"],
    );
    expect(tokenGrants("opaque")).toEqual({ scopes: [], appRoles: [], directoryRoles: [] });
  });
});
