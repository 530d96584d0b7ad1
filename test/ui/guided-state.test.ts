import { describe, expect, it } from "vitest";
import { initialGuided, reduceGuided, type GuidedState } from "../../src/ui/guided/guided-state.js";
import { type GuidedEvent } from "../../src/events/guided-events.js";
import type { Intent } from "../../src/events/intents.js";
import type { RunEvent } from "../../src/events/provision-events.js";
import type { ValidationView } from "../../src/ui/validation-view.js";

const view: ValidationView = {
  file: "tokens.csv",
  format: "csv",
  seedEncoding: "base32",
  rows: 3,
  valid: 2,
  rejected: 1,
  issues: [],
};

const fold = (
  actions: ReadonlyArray<RunEvent | GuidedEvent | Intent>,
  from = initialGuided(["tokens.csv"]),
) => actions.reduce<GuidedState>((s, a) => reduceGuided(s, a, 0), from);

describe("reduceGuided", () => {
  it("walks file → validation → mode → connection → run", () => {
    const s = fold([
      { type: "choose-file", path: "tokens.csv" },
      { type: "validated", ...view },
      { type: "continue" },
      { type: "choose-mode", mode: "assign" },
      { type: "choose-connection", connection: { kind: "emulator" } },
      { type: "phase", phase: "preflight", total: 2 },
    ]);
    expect(s).toMatchObject({
      step: "run",
      path: "tokens.csv",
      validation: view,
      mode: "assign",
      connection: { kind: "emulator" },
    });
    expect(s.run.phase).toBe("preflight");
  });

  it("keeps exactly the fields of the validate --json document", () => {
    const s = fold([
      { type: "choose-file", path: "tokens.csv" },
      { type: "validated", ...view },
    ]);
    expect(Object.keys(s.validation!)).toEqual([
      "file",
      "format",
      "seedEncoding",
      "rows",
      "valid",
      "rejected",
      "issues",
    ]);
  });

  it("goes back to the file picker with the reason when a file cannot be used", () => {
    const s = fold([
      { type: "choose-file", path: "photo.xml" },
      { type: "fatal", message: "photo.xml is not a seed file.", hint: "Pick a CSV or PSKC file." },
    ]);
    expect(s.step).toBe("pick-file");
    expect(s.fileError).toEqual({
      message: "photo.xml is not a seed file.",
      hint: "Pick a CSV or PSKC file.",
    });
  });

  it("does not go on when no row is valid, and steps back with Esc", () => {
    const none = fold([
      { type: "choose-file", path: "tokens.csv" },
      { type: "validated", ...view, valid: 0, rejected: 3 },
      { type: "continue" },
    ]);
    expect(none.step).toBe("validation");
    expect(fold([{ type: "back" }], none).step).toBe("pick-file");
    const atConnection = fold([
      { type: "choose-file", path: "tokens.csv" },
      { type: "validated", ...view },
      { type: "continue" },
      { type: "choose-mode", mode: "activate" },
      { type: "back" },
    ]);
    expect(atConnection.step).toBe("choose-mode");
  });

  it("ignores a validation result that arrives after the user moved on", () => {
    const s = fold([{ type: "validated", ...view }]);
    expect(s.step).toBe("pick-file");
    expect(s.validation).toBeNull();
  });

  it("goes back one step with Esc from every screen until the plan is confirmed", () => {
    const atRun = fold([
      { type: "choose-file", path: "tokens.csv" },
      { type: "validated", ...view },
      { type: "continue" },
      { type: "choose-mode", mode: "activate" },
      { type: "choose-connection", connection: { kind: "emulator" } },
      { type: "phase", phase: "plan", total: 2 },
    ]);
    expect(fold([{ type: "choose-file", path: "tokens.csv" }, { type: "back" }]).step).toBe(
      "pick-file",
    );
    const back = fold([{ type: "back" }], atRun);
    expect(back.step).toBe("choose-connection");
    expect(back.run.phase).toBeNull();
    expect(fold([{ type: "decline" }, { type: "back" }], atRun).step).toBe("choose-connection");
    const writing = fold([{ type: "confirm" }, { type: "back" }], atRun);
    expect(writing.step).toBe("run");
    expect(writing.run.decision).toBe("confirmed");
  });

  it("goes back to the tenant step after a failed sign-in, keeping the connection typed", () => {
    const connection = {
      kind: "tenant",
      tenantId: "contoso.onmicrosoft.com",
      clientId: "11111111-2222-3333-4444-555555555555",
      auth: "device-code",
    } as const;
    const failed = fold([
      { type: "choose-file", path: "tokens.csv" },
      { type: "validated", ...view },
      { type: "continue" },
      { type: "choose-mode", mode: "activate" },
      { type: "choose-connection", connection },
      { type: "phase", phase: "preflight", total: 2 },
      {
        type: "connection-failed",
        step: "sign-in",
        message: "Could not sign in.",
        hint: "Check the tenant.",
      },
    ]);
    expect(failed).toMatchObject({
      step: "choose-connection",
      connection,
      connectionError: {
        step: "sign-in",
        message: "Could not sign in.",
        hint: "Check the tenant.",
      },
    });
    expect(failed.run.phase).toBeNull();
    const again = fold([{ type: "choose-connection", connection }], failed);
    expect(again).toMatchObject({ step: "run", connectionError: null });
  });
});
