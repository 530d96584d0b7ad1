import { describe, expect, it } from "vitest";
import { makePlan, planCounts } from "../../src/import/plan.js";
import type { Preflight } from "../../src/import/preflight.js";
import type { Device, DirectoryUser } from "../../src/graph/port.js";
import type { JournalEntry } from "../../src/job/journal.js";
import type { Token } from "../../src/validate/token-schema.js";
import { Seed } from "../../src/secrets/seed.js";

const user = (upn: string, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: `id-${upn}`,
  userPrincipalName: upn,
  displayName: upn,
  accountEnabled: true,
  userType: "Member",
  ...extra,
});
const token = (line: number, serial: string, upn: string | null): Token => ({
  line,
  upn,
  serialNumber: serial,
  seed: new Seed(Buffer.alloc(20, line)),
  timeIntervalInSeconds: 30,
  hashFunction: "hmacsha1",
  manufacturer: "Token2",
  model: "C202",
  displayName: null,
  cells: [],
});
const device = (serial: string, status: string, holder: DirectoryUser | null): Device => ({
  id: `dev-${serial}`,
  serialNumber: serial,
  manufacturer: "Token2",
  model: "C202",
  displayName: null,
  hashFunction: "hmacsha1",
  timeIntervalInSeconds: 30,
  status,
  assignedTo: holder === null ? null : { id: holder.id, displayName: holder.displayName },
  lastUsedDateTime: null,
});
const preflight = (
  users: DirectoryUser[],
  devices: Device[],
  existing: Record<string, number> = {},
): Preflight => ({
  policyState: "enabled",
  users: new Map(
    users.map((u) => [
      u.userPrincipalName,
      { user: u, existingMethods: existing[u.userPrincipalName] ?? 0 },
    ]),
  ),
  devices: new Map(devices.map((d) => [d.serialNumber, d])),
  estimate: null,
  clock: { use: "local", offsetMs: 0 },
});
const noJournal = (): JournalEntry | undefined => undefined;

describe("makePlan", () => {
  const alex = user("alex@contoso.example");
  const guest = user("pat@contoso.example", { userType: "Guest" });
  const off = user("nestor@contoso.example", { accountEnabled: false });

  it("creates, assigns and activates new tokens and rejects bad users with the reason", () => {
    const tokens = [
      token(2, "S1", "alex@contoso.example"),
      token(3, "S2", "pat@contoso.example"),
      token(4, "S3", "nestor@contoso.example"),
      token(5, "S4", "nobody@contoso.example"),
      token(6, "S5", null),
    ];
    const plan = makePlan(
      tokens,
      preflight([alex, guest, off], []),
      noJournal,
      "import",
      "activate",
    );
    expect(plan.work.map((p) => [p.token.serialNumber, p.create, p.assign, p.activate])).toEqual([
      ["S1", true, true, true],
    ]);
    expect(plan.rejected.map((r) => [r.token.line, r.code])).toEqual([
      [3, "user-guest"],
      [4, "user-disabled"],
      [5, "user-not-found"],
      [6, "upn-missing"],
    ]);
  });

  it("skips serials that were in the tenant before this job, and carries on with its own", () => {
    const tokens = [
      token(2, "S1", "alex@contoso.example"),
      token(3, "S2", "alex@contoso.example"),
      token(4, "S3", "alex@contoso.example"),
    ];
    const devices = [
      device("S1", "available", null),
      device("S2", "available", null),
      device("S3", "activated", alex),
    ];
    const journal = (serial: string): JournalEntry | undefined =>
      serial === "S1" ? undefined : { phase: "created", createdHere: true };
    const plan = makePlan(tokens, preflight([alex], devices), journal, "import", "activate");
    expect(plan.skipped.map((s) => s.token.serialNumber)).toEqual(["S1"]);
    expect(plan.work.map((p) => [p.token.serialNumber, p.create, p.assign, p.activate])).toEqual([
      ["S2", false, true, true],
    ]);
    expect(plan.done.map((p) => p.token.serialNumber)).toEqual(["S3"]);
    expect(planCounts(plan, { rows: 4, rejectedByValidation: 1 })).toEqual({
      rows: 4,
      rejectedByValidation: 1,
      rejectedByPreflight: 0,
      alreadyDone: 2,
      toDo: 1,
      create: 0,
      assign: 1,
      activate: 1,
    });
  });

  it("enforces the cap of five OATH methods per user, counting what they already have", () => {
    const tokens = [1, 2, 3].map((i) => token(i + 1, `S${i}`, "alex@contoso.example"));
    const plan = makePlan(
      tokens,
      preflight([alex], [], { "alex@contoso.example": 3 }),
      noJournal,
      "import",
      "assign",
    );
    expect(plan.work.map((p) => p.token.serialNumber)).toEqual(["S1", "S2"]);
    expect(plan.rejected.map((r) => [r.token.serialNumber, r.code])).toEqual([
      ["S3", "user-method-cap"],
    ]);
  });

  it("inventory mode needs no user; activate needs the token in the tenant and not held by another", () => {
    const lee = user("lee@contoso.example");
    const inventory = makePlan(
      [token(2, "S1", null)],
      preflight([], []),
      noJournal,
      "import",
      "inventory",
    );
    expect(inventory.work.map((p) => [p.create, p.assign, p.activate])).toEqual([
      [true, false, false],
    ]);

    const tokens = [
      token(2, "S1", "alex@contoso.example"),
      token(3, "S2", "alex@contoso.example"),
      token(4, "S3", "alex@contoso.example"),
    ];
    const plan = makePlan(
      tokens,
      preflight([alex, lee], [device("S1", "assigned", alex), device("S2", "assigned", lee)]),
      noJournal,
      "activate",
      "activate",
    );
    expect(plan.work.map((p) => [p.token.serialNumber, p.assign, p.activate])).toEqual([
      ["S1", false, true],
    ]);
    expect(plan.rejected.map((r) => [r.token.serialNumber, r.code])).toEqual([
      ["S2", "held-by-another-user"],
      ["S3", "serial-not-in-tenant"],
    ]);
  });
});
