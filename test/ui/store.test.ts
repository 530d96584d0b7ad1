import { describe, expect, it } from "vitest";
import { Scrubber, scrubbedMarker } from "../../src/secrets/scrubber.js";
import { Seed } from "../../src/secrets/seed.js";
import type { Intent } from "../../src/events/intents.js";
import { createRunStore } from "../../src/ui/render-run.js";

describe("createStore", () => {
  it("folds pushed events with the store's clock and notifies subscribers", () => {
    let now = 1_000;
    const store = createRunStore({ now: () => now });
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    store.push({ type: "phase", phase: "create", total: 2 });
    now = 2_000;
    store.push({ type: "token", serialNumber: "S1", upn: null, step: "created", deviceId: "d1" });
    expect(store.getState().phases.create).toEqual({
      total: 2,
      done: 1,
      startedAt: 1_000,
      finishedAt: null,
    });
    expect(calls).toBe(2);
    unsubscribe();
    store.push({ type: "warning", code: "w", message: "m" });
    expect(calls).toBe(2);
  });

  it("lets the reducer see an intent before the controller does", () => {
    const store = createRunStore();
    store.push({ type: "phase", phase: "create", total: 2 });
    const seen: Array<[Intent, boolean]> = [];
    store.onIntent((intent) => seen.push([intent, store.getState().stopping]));
    store.send({ type: "quit" });
    expect(seen).toEqual([[{ type: "quit" }, true]]);
  });

  it("scrubs a seed out of every string of a pushed event", () => {
    const seed = Seed.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    const scrubber = new Scrubber();
    scrubber.add(...seed.textForms());
    const store = createRunStore({ scrubber });
    store.push({
      type: "warning",
      code: "oops",
      message: `bad value jbswy3dpehpk3pxpjbswy3dpehpk3pxp near ${seed.toBase32()}`,
    });
    expect(store.getState().warnings).toEqual([
      { code: "oops", message: `bad value ${scrubbedMarker} near ${scrubbedMarker}` },
    ]);
  });
});
