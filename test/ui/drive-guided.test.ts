import { describe, expect, it } from "vitest";
import { CancelledError } from "../../src/errors.js";
import { driveGuided } from "../../src/ui/guided/drive-guided.js";
import type { GuidedController } from "../../src/ui/guided/guided-controller.js";
import { createGuidedStore } from "../../src/ui/guided/render-guided.js";
import { planned, tick } from "./fixtures.js";

const controller: GuidedController = {
  validate: (path) =>
    Promise.resolve({
      file: path,
      format: "csv",
      seedEncoding: "hex",
      rows: 1,
      valid: 1,
      rejected: 0,
      issues: [],
    }),
  run: async (_choices, { emit, confirm }) => {
    for (const [, e] of planned) emit(e);
    if (!(await confirm())) throw new CancelledError("Nothing was written.");
    throw new Error("not reached");
  },
};

describe("driveGuided", () => {
  it("shows a declined plan as 'Nothing was written.' and leaves on quit", async () => {
    const store = createGuidedStore(["tokens.csv"]);
    const driven = driveGuided(store, controller);
    store.send({ type: "choose-file", path: "tokens.csv" });
    await tick(0);
    expect(store.getState().validation?.seedEncoding).toBe("hex");
    store.send({ type: "continue" });
    store.send({ type: "choose-mode", mode: "inventory" });
    store.send({ type: "choose-connection", connection: { kind: "emulator" } });
    await tick(0);
    expect(store.getState().run.plan?.counts.create).toBe(3);
    store.send({ type: "decline" });
    await tick(0);
    expect(store.getState().run.fatal).toEqual({ message: "Nothing was written.", hint: null });
    store.send({ type: "quit" });
    await expect(driven).resolves.toEqual({ summary: null });
  });

  it("rejects on an error that is not an OathkitError (a bug)", async () => {
    const store = createGuidedStore([]);
    const driven = driveGuided(store, {
      ...controller,
      validate: () => Promise.reject(new TypeError("boom")),
    });
    store.send({ type: "choose-file", path: "x.csv" });
    await expect(driven).rejects.toThrow("boom");
  });
});
