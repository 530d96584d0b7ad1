import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import type { ProvisionEvent } from "../../src/events/provision-events.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { Seed } from "../../src/secrets/seed.js";
import type { Intent } from "../../src/events/intents.js";
import { createRunStore } from "../../src/ui/render-run.js";
import { RunApp } from "../../src/ui/RunApp.js";
import { planned, plain, summary, tick, token } from "../helpers/ui-fixtures.js";

/** A run store on a clock the test moves, fed [atMs, event] pairs. */
function storeWith(steps: ReadonlyArray<readonly [number, ProvisionEvent]>, scrubber?: Scrubber) {
  let now = 0;
  const store = createRunStore({ now: () => now, scrubber });
  for (const [at, event] of steps) {
    now = at;
    store.push(event);
  }
  return store;
}

const midRun: ReadonlyArray<readonly [number, ProvisionEvent]> = [
  ...planned,
  [1_000, { type: "phase", phase: "create", total: 3 }],
  [1_200, token("S1", "created")],
  [1_200, token("S2", "created")],
  [1_200, token("S3", "created")],
  [1_200, { type: "phase", phase: "activate", total: 3 }],
  [3_200, token("S1", "assigned")],
  [3_200, token("S1", "activated")],
  [3_300, { type: "throttled", retryAfterMs: 3_000, stage: "activate" }],
];

describe("RunApp", () => {
  it("asks before the first write and sends confirm on y", async () => {
    const store = storeWith(planned);
    const intents: Intent[] = [];
    store.onIntent((i) => intents.push(i));
    const ui = render(<RunApp store={store} confirm width={80} />);
    await tick();
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Pre-flight
        Tenant: 8d1e6f0a-4b7c-4c2e-9a51-3f6b2d7e9c10 (contoso.example)
        Graph: graph.microsoft.com
        Signed in as: adele@contoso.example
        Hardware OATH method policy: enabled
        Clock: local time, offset +0.12 s (±0.04 s)
        Already in the tenant: 1 · Resumed from the journal: 0

      Plan
        5 rows: 3 to do (create 3, assign 3, activate 3)
        1 already done, 1 rejected (0 by validation, 1 by pre-flight)
        line 5  S4  user-not-found: no such user

      Confirm
        Nothing is written until you confirm. Go on? y/N"
    `);
    ui.stdin.write("y");
    await tick();
    expect(intents).toEqual([{ type: "confirm" }]);
    expect(plain(ui.lastFrame())).not.toContain("Go on?");
    ui.unmount();
  });

  it("keeps the pre-flight and plan agreed to above the progress once the run writes", async () => {
    const store = storeWith(planned);
    const ui = render(<RunApp store={store} confirm width={80} />);
    await tick();
    ui.stdin.write("y");
    await tick();
    store.push({ type: "phase", phase: "create", total: 3 });
    store.push(token("S1", "created"));
    await tick();
    const frame = plain(ui.lastFrame());
    expect(frame).not.toContain("Go on?");
    expect(frame).toMatch(
      /^Pre-flight\n(?:.*\n)*Plan\n {2}5 rows: 3 to do \(create 3, assign 3, activate 3\)\n(?:.*\n)*Progress\n/mu,
    );
    expect(frame).toContain("line 5  S4  user-not-found: no such user");
    ui.unmount();
  });

  it("declines on n, Enter or Esc: one key, as every question", async () => {
    for (const key of ["n", "\r", "\u001b"]) {
      const store = storeWith(planned);
      const intents: Intent[] = [];
      store.onIntent((i) => intents.push(i));
      const ui = render(<RunApp store={store} confirm width={80} />);
      await tick();
      ui.stdin.write(key);
      await tick(60); // ink tells a lone Esc from an escape sequence after a short wait
      expect(intents, JSON.stringify(key)).toEqual([{ type: "decline" }]);
      ui.unmount();
    }
  });

  it("shows the phases, counts, throttling and time left mid-run", async () => {
    const ui = render(<RunApp store={storeWith(midRun)} confirm width={80} />);
    await tick();
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Pre-flight
        Tenant: 8d1e6f0a-4b7c-4c2e-9a51-3f6b2d7e9c10 (contoso.example)
        Graph: graph.microsoft.com
        Signed in as: adele@contoso.example
        Hardware OATH method policy: enabled
        Clock: local time, offset +0.12 s (±0.04 s)
        Already in the tenant: 1 · Resumed from the journal: 0

      Plan
        5 rows: 3 to do (create 3, assign 3, activate 3)
        1 already done, 1 rejected (0 by validation, 1 by pre-flight)
        line 5  S4  user-not-found: no such user

      Progress
      ✔ Pre-flight ███████████████████████████████████████████████████████ 4/4
      ✔ Create     ███████████████████████████████████████████████████████ 3/3
      ⠋ Activate   ██████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 1/3
        Verify
      Created 3 · Assigned 0 · Activated 1 · Already done 1 · Failed 0 · Rejected 1
      Last: S1 s1@contoso.example activated
      ⚠ Throttled — waiting 3 s (Retry-After; 1 so far)
      About 4 s left in Activate

      q stop (the run ends after the requests in flight)"
    `);
    ui.unmount();
  });

  it("turns Ctrl-C into a quit intent and says how to resume", async () => {
    const store = storeWith(midRun);
    const intents: Intent[] = [];
    store.onIntent((i) => intents.push(i));
    const ui = render(<RunApp store={store} confirm width={80} />);
    await tick();
    ui.stdin.write("\u0003");
    await tick();
    expect(intents).toEqual([{ type: "quit", interrupt: true }]);
    expect(plain(ui.lastFrame())).toContain(
      "⚠ Stopping after the current requests…\nThe summary says how to finish later.",
    );
    for (const serialNumber of ["S1", "S2"])
      store.push({ type: "finished", serialNumber, upn: null, state: "activated" });
    store.push({ type: "summary", summary: { ...summary, interrupted: true } });
    await tick();
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Pre-flight
        Tenant: 8d1e6f0a-4b7c-4c2e-9a51-3f6b2d7e9c10 (contoso.example)
        Graph: graph.microsoft.com
        Signed in as: adele@contoso.example
        Hardware OATH method policy: enabled
        Clock: local time, offset +0.12 s (±0.04 s)
        Already in the tenant: 1 · Resumed from the journal: 0

      Plan
        5 rows: 3 to do (create 3, assign 3, activate 3)
        1 already done, 1 rejected (0 by validation, 1 by pre-flight)
        line 5  S4  user-not-found: no such user

      ✔ S1                   s1@contoso.example                          activated
      ✔ S2                   s2@contoso.example                          activated
      Summary
      ⚠ Import stopped before the end.
        5 rows: 3 activated, 0 assigned, 0 available, 1 already done
        0 failed, 0 not attempted, 1 rejected (0 by validation, 1 by pre-flight)
        3 created by this run · took 4 s

      Report    tokens.report.csv
      Failures  tokens.failures.csv
                the rows to retry, in the input file's own layout
                It holds their seeds (mode 0600): delete it once you have used it.

      To finish, run the same command again.
      It resumes from the journal: no token is created twice.
      Journal   tokens.journal.jsonl"
    `);
    ui.unmount();
  });

  it("after a stop, shows the phase it cut short as stopped where it stopped, not as done", async () => {
    const store = storeWith(midRun);
    const ui = render(<RunApp store={store} confirm width={80} />);
    await tick();
    ui.stdin.write("\u0003");
    await tick();
    // The run goes on to read back what it wrote, then the report: activate ended at 1 of 3.
    store.push({ type: "phase", phase: "verify", total: 3 });
    await tick();
    const frame = plain(ui.lastFrame());
    expect(frame).toMatch(/^✔ Create +█+ 3\/3$/mu);
    expect(frame).toMatch(/^■ Activate +█+░+ 1\/3 stopped$/mu);
    expect(frame).not.toMatch(/Activate .*3\/3/u);
    ui.unmount();
  });

  it("fits every line of every frame in 80 columns", async () => {
    const long = "a-very-long-user-principal-name-for-testing@subsidiary.contoso.example";
    const store = storeWith([
      ...midRun,
      [3_400, token("SERIAL-000000000000000001", "activated", long)],
      [3_500, { type: "phase", phase: "verify", total: 3 }],
      [
        3_600,
        { type: "finished", serialNumber: "SERIAL-000000000000000001", upn: null, state: "failed" },
      ],
      [3_700, { type: "summary", summary: { ...summary, reportPath: `/tmp/${long}/report.csv` } }],
    ]);
    const ui = render(<RunApp store={store} confirm width={80} />);
    await tick();
    const lines = ui.frames.flatMap((f) => plain(f).split("\n"));
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    ui.unmount();
  });

  it("never renders a seed that slipped into an event", async () => {
    const seed = Seed.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    const scrubber = new Scrubber();
    scrubber.add(...seed.textForms());
    const hex = Buffer.from(seed.bytes()).toString("hex");
    const store = storeWith(
      [
        ...planned,
        [600, { type: "warning", code: "x", message: `seed ${seed.toBase32()} looks odd` }],
        [
          700,
          {
            type: "row-rejected",
            line: 9,
            serialNumber: "S9",
            upn: null,
            code: "bad",
            message: `secret ${hex} rejected`,
          },
        ],
      ],
      scrubber,
    );
    const ui = render(<RunApp store={store} confirm width={120} />);
    await tick();
    const all = ui.frames.join("\n").toLowerCase();
    expect(all).toContain("[redacted]");
    expect(all).not.toContain(seed.toBase32().toLowerCase());
    expect(all).not.toContain(hex);
    ui.unmount();
  });
});
