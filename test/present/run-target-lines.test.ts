import { describe, expect, it } from "vitest";
import type { RunTarget } from "../../src/events/run-target.js";
import { targetLines, targetSentence } from "../../src/present/run-target-lines.js";

const tenantId = "8d1e6f0a-4b7c-4c2e-9a51-3f6b2d7e9c10";
const base: RunTarget = {
  tenantId,
  tenantDomain: null,
  graphHost: "graph.microsoft.com",
  signedInAs: { kind: "user", id: "adele@contoso.example", name: null },
  emulator: false,
};

describe("where a writing command writes, as the pre-flight says it", () => {
  it("names the tenant (its domain when the options gave one), the Graph host and the person", () => {
    expect(targetLines({ ...base, tenantDomain: "contoso.onmicrosoft.com" })).toEqual([
      `Tenant: ${tenantId} (contoso.onmicrosoft.com)`,
      "Graph: graph.microsoft.com",
      "Signed in as: adele@contoso.example",
    ]);
  });

  it("names an app by its display name when the token carries one, always by its client id", () => {
    const app = { kind: "app", id: "00000000-0000-4000-8000-00000000c11e" } as const;
    expect(targetSentence({ ...base, signedInAs: { ...app, name: "oathkit MSP" } })).toBe(
      `tenant ${tenantId} at graph.microsoft.com, signed in as app oathkit MSP (${app.id})`,
    );
    expect(targetSentence({ ...base, signedInAs: { ...app, name: null } })).toContain(
      `signed in as app ${app.id}`,
    );
  });

  it("says local emulator for --emulator, and keeps control characters off the screen", () => {
    expect(targetLines({ ...base, emulator: true })[0]).toBe(
      `Tenant: local emulator (tenant ${tenantId})`,
    );
    expect(targetSentence({ ...base, emulator: true })).toMatch(
      /^the local emulator \(tenant [0-9a-f-]+\) at graph\.microsoft\.com, signed in as /u,
    );
    const hostile = { kind: "user", id: "eve\u001b[2J@contoso.example", name: null } as const;
    expect(targetSentence({ ...base, signedInAs: hostile })).not.toContain("\u001b");
  });
});
