import { describe, expect, it } from "vitest";
import { plainSink } from "../../src/present/run-lines.js";
import type { ProvisionEvent } from "../../src/events/provision-events.js";
import { Scrubber } from "../../src/secrets/scrubber.js";
import { summary } from "../helpers/ui-fixtures.js";

function plain(events: ProvisionEvent[]): string {
  let text = "";
  const sink = plainSink({ write: (t: string) => (text += t) }, new Scrubber());
  for (const e of events) sink(e);
  return text;
}

const plan = (assign: number, activate: number): ProvisionEvent => ({
  type: "plan",
  counts: {
    rows: 2,
    rejectedByValidation: 0,
    rejectedByPreflight: 0,
    alreadyDone: 0,
    toDo: 2,
    create: 2,
    assign,
    activate,
  },
  dryRun: false,
});

describe("plain lines (stdout not a terminal)", () => {
  it("names the activate phase by what it does: --mode assign only assigns", () => {
    const phase: ProvisionEvent = { type: "phase", phase: "activate", total: 2 };
    expect(plain([plan(2, 0), phase])).toContain("\nAssigning 2 tokens…\n");
    expect(plain([plan(2, 2), phase])).toContain("\nAssigning and activating 2 tokens…\n");
  });

  it("after a stop, says to resume only when a rerun reaches the same tenant (not --emulator)", () => {
    const stopped = (resumable: boolean): ProvisionEvent => ({
      type: "summary",
      summary: { ...summary, interrupted: true, resumable },
    });
    expect(plain([stopped(true)])).toContain("Run the same command again to resume");
    const demo = plain([stopped(false)]);
    expect(demo).not.toContain("resume where");
    expect(demo).toContain(
      "--emulator starts a new tenant every run, so there is nothing to resume",
    );
  });
});
