import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import { driveGuided } from "../../src/ui/guided/drive-guided.js";
import { GuidedApp } from "../../src/ui/guided/GuidedApp.js";
import type { GuidedController, RunChoices } from "../../src/ui/guided/guided-controller.js";
import { createGuidedStore } from "../../src/ui/guided/render-guided.js";
import { planned, plain, summary, tick, token } from "./fixtures.js";

const enter = "\r";
const down = "\u001b[B";

/** A controller that answers like the real one, from scripted events. */
function fakeController() {
  const calls: { validate: string[]; run: RunChoices[]; aborted: boolean } = {
    validate: [],
    run: [],
    aborted: false,
  };
  const controller: GuidedController = {
    validate: (path) => {
      calls.validate.push(path);
      if (path === "bad.txt")
        return Promise.reject(
          new InputFileError("bad.txt is empty.", { hint: "Pick another file." }),
        );
      return Promise.resolve({
        file: path,
        format: "csv",
        seedEncoding: "base32",
        rows: 4,
        valid: 4,
        rejected: 0,
        issues: [],
      });
    },
    run: async (choices, { emit, confirm, signal }) => {
      calls.run.push(choices);
      for (const [, e] of planned) emit(e);
      if (!(await confirm())) throw new InputFileError("Nothing was written.");
      emit({ type: "phase", phase: "create", total: 3 });
      emit(token("S1", "created"));
      // The requests in flight finish once the user stops the run.
      await new Promise((r) => signal.addEventListener("abort", r));
      await tick(30);
      calls.aborted = signal.aborted;
      emit({ type: "finished", serialNumber: "S1", state: "available" });
      emit({ type: "summary", summary: { ...summary, interrupted: signal.aborted } });
      return summary;
    },
  };
  return { controller, calls };
}

describe("the guided flow", () => {
  it("goes from the file picker to the summary by keystrokes alone", async () => {
    const store = createGuidedStore(["bad.txt", "tokens.csv"]);
    const { controller, calls } = fakeController();
    const driven = driveGuided(store, controller);
    const ui = render(<GuidedApp store={store} size={{ columns: 80, rows: 24 }} />);
    const screen = () => plain(ui.lastFrame());
    await tick();
    expect(screen()).toContain("Seed file");

    ui.stdin.write(enter); // bad.txt
    await tick();
    expect(screen()).toContain("✘ bad.txt is empty.");

    ui.stdin.write(down);
    await tick();
    ui.stdin.write(enter); // tokens.csv
    await tick();
    expect(screen()).toContain("Validation");
    expect(screen()).toContain("Rows 4 · Valid 4 · Rejected 0");

    ui.stdin.write(enter); // continue
    await tick();
    expect(screen()).toContain("Mode");
    ui.stdin.write(down);
    await tick();
    ui.stdin.write(enter); // assign
    await tick();
    expect(screen()).toContain("Tenant");
    ui.stdin.write(enter); // emulator
    await tick();
    expect(screen()).toContain("Nothing is written until you confirm. Go on? y/N");
    expect(calls.run).toEqual([
      { path: "tokens.csv", mode: "assign", fromDevice: false, connection: { kind: "emulator" } },
    ]);

    ui.stdin.write("y");
    await tick();
    expect(screen()).toContain("Progress");
    ui.stdin.write("q"); // stop the run
    await tick();
    expect(screen()).toContain("Stopping after the current requests…");
    await tick(40);
    expect(calls.aborted).toBe(true);
    expect(screen()).toContain("Summary");
    expect(screen()).toContain("To finish, run the same command again.");

    ui.stdin.write("q"); // leave
    await expect(driven).resolves.toEqual({ summary });
    expect(calls.validate).toEqual(["bad.txt", "tokens.csv"]);
    ui.unmount();
  });
});
