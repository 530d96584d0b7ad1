import { describe, expect, it } from "vitest";
import { describeMissing, missingAccess } from "../../src/job/access-check.js";
import { roleIds } from "../../src/graph/token-grants.js";
import { commandNeeds, removeNeeds } from "../../src/job/access-needs.js";

const person = (permissions: string[], roles: string[] | null) => ({
  kind: "delegated" as const,
  permissions,
  roleTemplateIds: roles,
});
const all = [
  "Policy.ReadWrite.AuthenticationMethod",
  "UserAuthenticationMethod.ReadWrite.All",
  "User.Read.All",
];

describe("what a command needs against what the sign-in holds", () => {
  it("names the least a command needs, once: a missing write permission stands for its read", () => {
    const missing = missingAccess(
      commandNeeds("import", "activate"),
      person(["User.Read.All"], []),
      false,
    );
    expect(describeMissing(missing)).toBe(
      "Policy.ReadWrite.AuthenticationMethod, UserAuthenticationMethod.ReadWrite.All and the Authentication Policy Administrator and Authentication Administrator roles",
    );
  });

  it("higher permissions and roles count: Directory.Read.All for users, Global Administrator for every role", () => {
    const granted = person(
      [
        "Policy.ReadWrite.AuthenticationMethod",
        "UserAuthenticationMethod.ReadWrite.All",
        "Directory.Read.All",
      ],
      [roleIds.globalAdministrator],
    );
    expect(missingAccess(commandNeeds("import", "assign"), granted, false)).toEqual({
      permissions: [],
      roles: [],
    });
  });

  it("activate needs no inventory write, but reads the inventory and the policy", () => {
    const granted = person(
      ["UserAuthenticationMethod.ReadWrite.All", "User.Read.All"],
      [roleIds.authenticationAdministrator],
    );
    expect(missingAccess(commandNeeds("activate", "activate"), granted, false)).toEqual({
      permissions: ["Policy.Read.AuthenticationMethod", "Policy.Read.All"],
      roles: ["Authentication Policy Administrator or Global Reader"],
    });
  });

  it("a dry run checks only what reading needs; roles unknown and app tokens are not checked for roles", () => {
    const reader = person(
      [
        "Policy.Read.AuthenticationMethod",
        "Policy.Read.All",
        "User.Read.All",
        "UserAuthenticationMethod.Read.All",
      ],
      [roleIds.globalReader],
    );
    expect(missingAccess(commandNeeds("import", "activate"), reader, true)).toEqual({
      permissions: [],
      roles: [],
    });
    expect(
      missingAccess(commandNeeds("import", "activate"), person(all, null), false).roles,
    ).toEqual([]);
    expect(
      missingAccess(commandNeeds("import", "activate"), { kind: "app", permissions: all }, false),
    ).toEqual({
      permissions: [],
      roles: [],
    });
  });

  it("an opaque token (no claims) is not refused: Graph's own answers decide", () => {
    expect(missingAccess(commandNeeds("import", "activate"), null, false)).toEqual({
      permissions: [],
      roles: [],
    });
  });

  it("remove needs the user-methods permission and role only when a token it removes is held", () => {
    const app = { kind: "app" as const, permissions: ["Policy.ReadWrite.AuthenticationMethod"] };
    expect(
      missingAccess(removeNeeds({ delete: true, unassign: false }), app, false).permissions,
    ).toEqual([]);
    expect(
      missingAccess(removeNeeds({ delete: true, unassign: true }), app, false).permissions,
    ).toEqual(["UserAuthenticationMethod.ReadWrite.All"]);
    const admin = person(
      ["Policy.ReadWrite.AuthenticationMethod"],
      [roleIds.authenticationPolicyAdministrator],
    );
    expect(
      missingAccess(removeNeeds({ delete: false, unassign: true }), admin, false).roles,
    ).toEqual(["Authentication Administrator"]);
  });
});
