import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { tempDir } from "../helpers/temp-dir.js";
import {
  makeTokens,
  members,
  ndjson,
  runCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";

type Event = Record<string, unknown>;
const preflightOf = (events: Event[]) => events.find((e) => e["type"] === "preflight");
const warnings = (events: Event[]) =>
  events.filter((e) => e["type"] === "warning").map((e) => String(e["message"]));

/**
#9.3: a journal belongs to one tenant and Graph host. Another tenant's journal for the same file is
never used (and the run says it found one); the same tenant's is found again.
*/
describe("the resume journal is tied to its tenant", () => {
  it("a second tenant starts afresh and is told of the first one's journal; the first resumes its own", async () => {
    const dir = tempDir();
    const users = members(3);
    const a = await startTenant(dir, users, { tenantId: randomUUID() });
    const b = await startTenant(dir, users, { tenantId: randomUUID() });
    writeSeedCsv(
      join(dir, "tokens.csv"),
      makeTokens(
        users.map((u) => u.upn),
        "T",
      ),
      "base32",
    );
    const run = async (tenant: typeof a) => {
      const { args, env } = tenantArgs(tenant);
      const r = await runCli(["import", "tokens.csv", "--yes", "--json", ...args], {
        cwd: dir,
        env,
      });
      expect(r.code, r.stderr).toBe(0);
      return ndjson(r.stdout);
    };

    const first = await run(a);
    expect(preflightOf(first)).toMatchObject({ resumed: 0 });
    const second = await run(b);
    expect(preflightOf(second)).toMatchObject({ resumed: 0, alreadyPresent: 0 });
    expect(b.state().devices.map((d) => d.status)).toEqual(Array(3).fill("activated"));
    expect(warnings(second).join("\n")).toMatch(
      new RegExp(
        `journal of this job for another tenant .*tenant ${a.tenantId} at 127\\.0\\.0\\.1:${a.port}.* not used`,
        "u",
      ),
    );

    const again = await run(a);
    expect(preflightOf(again)).toMatchObject({ resumed: 3 });
    const summary = again.at(-1) as { summary: { counts: Record<string, number> } };
    expect(summary.summary.counts).toMatchObject({ alreadyDone: 3, created: 0 });
    expect(a.state().counters.creates).toBe(3);
  });

  it("--emulator runs are separate tenants: the second does not resume the first's journal", async () => {
    const dir = tempDir();
    writeSeedCsv(
      join(dir, "tokens.csv"),
      makeTokens(["adele.vance@contoso.example", "alex.wilber@contoso.example"], "E"),
      "base32",
    );
    const runs = [];
    for (let i = 0; i < 2; i += 1) {
      const r = await runCli(["import", "tokens.csv", "--emulator", "--yes", "--json"], {
        cwd: dir,
      });
      expect(r.code, r.stderr).toBe(0);
      runs.push(ndjson(r.stdout));
    }
    expect(runs.map((events) => preflightOf(events)?.["resumed"])).toEqual([0, 0]);
    // Every --emulator run is a new tenant: the earlier one's journal is no news (no failures file).
    expect(warnings(runs[1]!)).toEqual([]);
    const summary = runs[1]!.at(-1) as { summary: { counts: Record<string, number> } };
    expect(summary.summary.counts).toMatchObject({ created: 2, activated: 2 });
  });

  it("refuses a --state journal written for another tenant, before anything is written", async () => {
    const dir = tempDir();
    const users = members(1);
    const a = await startTenant(dir, users, { tenantId: randomUUID() });
    const b = await startTenant(dir, users, { tenantId: randomUUID() });
    writeSeedCsv(join(dir, "tokens.csv"), makeTokens([users[0]!.upn], "S"), "base32");
    const withState = (tenant: typeof a) => {
      const { args, env } = tenantArgs(tenant);
      return runCli(["import", "tokens.csv", "--yes", "--state", "job.jsonl", ...args], {
        cwd: dir,
        env,
      });
    };
    expect((await withState(a)).code).toBe(0);
    const refused = await withState(b);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      new RegExp(
        `job\\.jsonl belongs to tenant ${a.tenantId} .*signed in to tenant ${b.tenantId}`,
        "u",
      ),
    );
    expect(b.state().devices).toEqual([]);
  });
});
