import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { createRunStore } from "../../src/ui/render-run.js";
import { RunApp } from "../../src/ui/RunApp.js";
import type { Intent } from "../../src/ui/intents.js";
import { planned, plain, summary, tick, token } from "./fixtures.js";

function clockedStore() {
  let now = 0;
  const store = createRunStore({ now: () => now });
  const at = (ms: number) => {
    now = ms;
  };
  return { store, at };
}

describe("RunApp", () => {
  it("shows the plan and sends confirm on y", async () => {
    const { store, at } = clockedStore();
    for (const [ms, e] of planned) {
      at(ms);
      store.push(e);
    }
    const intents: Intent[] = [];
    store.onIntent((i) => intents.push(i));
    const ui = render(<RunApp store={store} confirm width={80} />);
    await tick();
    console.log(plain(ui.lastFrame()));
    ui.stdin.write("y");
    await tick();
    expect(intents).toEqual([{ type: "confirm" }]);
    ui.unmount();
  });

  it("shows progress mid-run", async () => {
    const { store, at } = clockedStore();
    for (const [ms, e] of planned) {
      at(ms);
      store.push(e);
    }
    at(1_000);
    store.push({ type: "phase", phase: "create", total: 3 });
    for (const s of ["S1", "S2", "S3"]) store.push(token(s, "created"));
    store.push({ type: "phase", phase: "activate", total: 3 });
    at(3_000);
    store.push(token("S1", "assigned"));
    store.push(token("S1", "activated"));
    at(4_000);
    store.push({ type: "throttled", retryAfterMs: 3_000, stage: "activate" });
    const ui = render(<RunApp store={store} confirm width={80} />);
    await tick();
    console.log(plain(ui.lastFrame()));
    store.send({ type: "quit" });
    await tick();
    console.log(plain(ui.lastFrame()));
    for (const s of ["S1", "S2"])
      store.push({ type: "finished", serialNumber: s, state: "activated" });
    store.push({ type: "summary", summary: { ...summary, interrupted: true } });
    await tick();
    console.log(plain(ui.frames.join("\n----\n")));
    ui.unmount();
  });
});
