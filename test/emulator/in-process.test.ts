import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sampleUsersFile, startInProcessEmulator } from "../../src/emulator/index.js";
import { emulatorGraphClient } from "../helpers/graph-client.js";
import { testCertDir } from "../helpers/emulator.js";

const members = [
  "adele.vance",
  "alex.wilber",
  "diego.siciliani",
  "grady.archie",
  "henrietta.mueller",
  "isaiah.langer",
  "johanna.lorenz",
  "joni.sherman",
  "lee.gu",
  "lidia.holloway",
  "lynne.robbins",
  "megan.bowen",
].map((m) => `${m}@contoso.example`);

describe("startInProcessEmulator and samples/users.json", () => {
  it("holds exactly the sample tenant: 12 enabled members, an admin, a disabled member and a guest", () => {
    const { users } = JSON.parse(readFileSync(sampleUsersFile, "utf8")) as {
      users: Array<{
        userPrincipalName: string;
        accountEnabled: boolean;
        userType: string;
        methods?: unknown[];
        directoryRoles?: string[];
      }>;
    };
    const enabledMembers = users.filter(
      (u) => u.userType === "Member" && u.accountEnabled && u.directoryRoles === undefined,
    );
    expect(enabledMembers.map((u) => u.userPrincipalName)).toEqual(members);
    expect(users.filter((u) => u.methods !== undefined)).toEqual([]);
    expect(users.filter((u) => u.directoryRoles !== undefined)).toEqual([
      expect.objectContaining({
        userPrincipalName: "patti.fernandez@contoso.example",
        directoryRoles: ["Authentication Administrator", "Authentication Policy Administrator"],
      }),
    ]);
    expect(users.filter((u) => !u.accountEnabled).map((u) => u.userPrincipalName)).toEqual([
      "nestor.wilke@contoso.example",
    ]);
    expect(users.filter((u) => u.userType === "Guest").map((u) => u.userPrincipalName)).toEqual([
      "pat.guest_fabrikam.example#EXT#@contoso.example",
    ]);
    expect(users).toHaveLength(15);
  });

  it("starts with the sample users, trusts its CA, and returns a connection the real client can use", async () => {
    const { connection, emulator } = await startInProcessEmulator({ certDir: testCertDir });
    try {
      expect(connection).toEqual({
        graphUrl: emulator.url,
        authorityHost: emulator.url,
        tenantId: emulator.tenantId,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
      });
      const guest: { userType: string } = await emulatorGraphClient(emulator)
        .api(`/users/${encodeURIComponent("pat.guest_fabrikam.example#EXT#@contoso.example")}`)
        .select("id,userType")
        .get();
      expect(guest.userType).toBe("Guest");
    } finally {
      await emulator.stop();
    }
  });
});
