import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HolderReport } from "../../src/events/inventory.js";
import type { InventoryToken } from "../../src/events/inventory.js";
import type { InventoryTotals } from "../../src/events/inventory.js";
import { tempDir } from "../helpers/temp-dir.js";
import {
  findSeed,
  runCli,
  seedTokens,
  startTenant,
  users,
  type TestTenant,
} from "../helpers/inventory-tenant.js";

/*
`oathkit list` end to end: the real CLI against the real emulator over HTTPS, with a page size of
3 so the 16 tokens span 6 pages and every @odata.nextLink must be followed.
*/

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await startTenant({ pageSize: 3 });
  await seedTokens(tenant, [
    ...Array.from({ length: 9 }, (_, i) => ({
      serialNumber: `L${String(i + 1).padStart(3, "0")}`,
    })),
    { serialNumber: "L101", holder: users.adele.id },
    { serialNumber: "L102", holder: users.alex.id, activate: true },
    { serialNumber: "L103", holder: users.alex.id, activate: true },
    { serialNumber: "L104", holder: users.alex.id },
    { serialNumber: "L105", holder: users.diego.id, activate: true },
    { serialNumber: "L201", model: "=cmd" },
    { serialNumber: "L202", model: "+1", holder: users.adele.id },
  ]);
});

afterAll(() => tenant.stop());

/** No output, report or journal of these runs holds a seed the tenant was given. */
function expectNoSeed(...texts: string[]): void {
  expect(findSeed(tenant, ...texts), "a seed in the output").toBeUndefined();
}

type ListDocument = { tokens: InventoryToken[]; totals: InventoryTotals };

async function list(...args: string[]) {
  const cwd = tempDir();
  const result = await runCli(["list", ...tenant.args, ...args], { env: tenant.env, cwd });
  expectNoSeed(result.stdout, result.stderr);
  return { ...result, cwd };
}

describe("oathkit list", () => {
  it("lists every page, resolves each holder once, and totals by status and model", async () => {
    const before = tenant.emulator.state().counters.requests["GET users/{uid}"] ?? 0;
    const { code, stdout, stderr } = await list("--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as ListDocument;
    expect(Object.keys(doc)).toEqual(["tokens", "totals"]);
    expect(doc.tokens).toHaveLength(16);
    expect(doc.tokens.map((t) => t.serialNumber)).toContain("L009");
    expect(Object.keys(doc.tokens[0]!)).toEqual([
      "id",
      "serialNumber",
      "manufacturer",
      "model",
      "hashFunction",
      "timeIntervalInSeconds",
      "status",
      "assignedTo",
      "lastUsedDateTime",
    ]);
    const l102 = doc.tokens.find((t) => t.serialNumber === "L102")!;
    expect(l102.status).toBe("activated");
    expect(l102.assignedTo).toEqual({ id: users.alex.id, userPrincipalName: users.alex.upn });
    expect(doc.tokens.find((t) => t.serialNumber === "L001")!.assignedTo).toBeNull();
    expect(doc.totals).toEqual({
      byStatus: { activated: 3, assigned: 3, available: 10 },
      byModel: { "+1": 1, "=cmd": 1, C202: 14 },
    });
    // Three distinct holders: one GET /users/{id} each.
    expect(tenant.emulator.state().counters.requests["GET users/{uid}"]).toBe(before + 3);
  });

  it("filters by status, serial, model and holder", async () => {
    const serials = async (...args: string[]) => {
      const { code, stdout } = await list("--json", ...args);
      expect(code).toBe(0);
      return (JSON.parse(stdout) as ListDocument).tokens.map((t) => t.serialNumber);
    };
    const [activated, bySerial, byModel, byHolder, combined] = await Promise.all([
      serials("--status", "activated"),
      serials("--serial", "L104"),
      serials("--model", "=cmd"),
      serials("--upn", users.alex.upn),
      serials("--upn", users.adele.upn, "--status", "assigned"),
    ]);
    expect(activated).toEqual(["L102", "L103", "L105"]);
    expect(bySerial).toEqual(["L104"]);
    expect(byModel).toEqual(["L201"]);
    expect(byHolder).toEqual(["L102", "L103", "L104"]);
    expect(combined).toEqual(["L101", "L202"]);
  });

  it("prints a table with totals when stdout is not a terminal", async () => {
    const { code, stdout } = await list("--status", "activated");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^SERIAL\s+MODEL\s+STATUS\s+HOLDER\s+LAST USED$/mu);
    expect(stdout).toMatch(/^L105\s+Token2 C202\s+activated\s+diego\.siciliani@contoso\.example/mu);
    expect(stdout).toContain("3 tokens");
    expect(stdout).toContain("by status: activated 3");
  });

  it("exports an Excel-safe CSV with mode 0600 and a UTF-8 BOM", async () => {
    const { code, cwd } = await list("--csv", "inventory.csv");
    expect(code).toBe(0);
    const path = join(cwd, "inventory.csv");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, "utf8");
    expectNoSeed(text);
    expect(text.startsWith("\uFEFFserialNumber,manufacturer,model,")).toBe(true);
    expect(text).toContain("\r\nL201,Token2,'=cmd,");
    expect(text).toContain(`\r\nL202,Token2,'+1,hmacsha1,30,assigned,${users.adele.upn},`);
    expect(text.trimEnd().split("\r\n")).toHaveLength(17);

    // The export exists now: it is replaced only when asked (#9.4).
    const again = (...extra: string[]) =>
      runCli(["list", ...tenant.args, "--csv", "inventory.csv", ...extra], {
        env: tenant.env,
        cwd,
      });
    writeFileSync(path, "kept\n");
    const refused = await again();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/inventory\.csv already exists; .*--force/su);
    expect(readFileSync(path, "utf8")).toBe("kept\n");
    expect((await again("--force")).code).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("reports holders, flagging users with more than one token", async () => {
    const { code, stdout } = await list("--by-user", "--json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as HolderReport;
    expect(report.totals).toEqual({ holders: 3, multipleTokenHolders: 2, unassignedTokens: 10 });
    const byUpn = new Map(report.holders.map((h) => [h.userPrincipalName, h]));
    expect(byUpn.get(users.alex.upn)!.multipleTokens).toBe(true);
    expect(byUpn.get(users.alex.upn)!.tokens.map((t) => t.serialNumber)).toEqual([
      "L102",
      "L103",
      "L104",
    ]);
    expect(byUpn.get(users.diego.upn)!.multipleTokens).toBe(false);

    const exported = await list("--by-user", "--csv", "holders.csv");
    const csv = readFileSync(join(exported.cwd, "holders.csv"), "utf8");
    expectNoSeed(csv);
    expect(csv).toContain(`\r\n${users.alex.upn},${users.alex.id},yes,L102,Token2,C202,activated,`);
    expect(csv).toContain(`\r\n${users.diego.upn},${users.diego.id},no,L105,`);

    const text = await list("--by-user");
    expect(text.stdout).toMatch(/^\* alex\.wilber@contoso\.example\s+L102/mu);
    expect(text.stdout).toMatch(/^ {2}diego\.siciliani@contoso\.example\s+L105/mu);
  });

  it("refuses an unknown user, a bad status and --json with --csv, exit 2", async () => {
    const [unknown, badStatus, both] = await Promise.all([
      list("--upn", "nobody@contoso.example"),
      list("--status", "lost"),
      list("--json", "--csv", "x.csv"),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      "No user nobody@contoso.example in the tenant.\nCheck the spelling of --upn; it takes a user principal name or an object id.\n",
    );
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toBe(
      '--status must be one of available, assigned, activated, failedActivation (got "lost"). See `oathkit list --help`.\n',
    );
    expect(both.code).toBe(2);
  });

  it("runs against its own in-process emulator with --emulator", async () => {
    const cwd = tempDir();
    const result = await runCli(["list", "--emulator", "--json"], { env: tenant.env, cwd });
    expectNoSeed(result.stdout, result.stderr);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      tokens: [],
      totals: { byStatus: {}, byModel: {} },
    });
  });
});
