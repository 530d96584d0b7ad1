import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { initialDeviceCheck, reduceDeviceCheck } from "../../src/ui/device-check-state.js";
import { type DeviceCheckEvent } from "../../src/events/device-check-events.js";
import { DeviceCheckApp } from "../../src/ui/DeviceCheckApp.js";
import type { Intent } from "../../src/events/intents.js";
import { createDeviceCheckStore } from "../../src/ui/render-device-check.js";
import { plain, tick } from "../helpers/ui-fixtures.js";

const prompt = (serialNumber: string, index: number, attempt = 1): DeviceCheckEvent => ({
  type: "device-prompt",
  serialNumber,
  upn: `${serialNumber.toLowerCase()}@contoso.example`,
  index,
  attempt,
});

describe("reduceDeviceCheck", () => {
  it("tallies verdicts and skips, and never keeps the typed code", () => {
    const actions: Array<DeviceCheckEvent | Intent> = [
      { type: "device-check-started", total: 3 },
      prompt("S1", 1),
      { type: "device-code", serialNumber: "S1", code: "287082" },
      { type: "device-verdict", serialNumber: "S1", verdict: { kind: "mismatch", message: "m" } },
      prompt("S1", 1, 2),
      { type: "device-code", serialNumber: "S1", code: "359152" },
      {
        type: "device-verdict",
        serialNumber: "S1",
        verdict: { kind: "match", driftSteps: 1, driftSeconds: 30 },
      },
      prompt("S2", 2),
      { type: "device-skip", serialNumber: "S2" },
      { type: "device-skipped", serialNumber: "S2" },
    ];
    const states = actions.reduce(
      (acc, a) => [...acc, reduceDeviceCheck(acc.at(-1)!, a, 0)],
      [initialDeviceCheck],
    );
    expect(states[3]!.status).toBe("checking");
    expect(states.at(-1)).toEqual({
      total: 3,
      current: { serialNumber: "S2", upn: "s2@contoso.example", index: 2, attempt: 1 },
      status: "idle",
      verdict: null,
      tally: { checked: 2, matched: 1, mismatched: 1, skipped: 1 },
      stopping: false,
    });
    for (const s of states) expect(JSON.stringify(s)).not.toMatch(/287082|359152/u);
  });

  it("clears the last verdict when a token is skipped", () => {
    const actions: Array<DeviceCheckEvent | Intent> = [
      { type: "device-check-started", total: 2 },
      prompt("S1", 1),
      { type: "device-verdict", serialNumber: "S1", verdict: { kind: "mismatch", message: "m" } },
      { type: "device-skipped", serialNumber: "S1" },
    ];
    const state = actions.reduce((s, a) => reduceDeviceCheck(s, a, 0), initialDeviceCheck);
    expect(state.verdict).toBeNull();
    expect(state.tally).toEqual({ checked: 1, matched: 0, mismatched: 1, skipped: 1 });
  });
});

describe("DeviceCheckApp", () => {
  it("masks the code, sends it only as an intent, and shows the verdict", async () => {
    const store = createDeviceCheckStore();
    const intents: Intent[] = [];
    store.onIntent((i) => intents.push(i));
    store.push({ type: "device-check-started", total: 2 });
    store.push(prompt("S1", 1));
    const ui = render(<DeviceCheckApp store={store} width={80} />);
    await tick();
    for (const digit of "287082") {
      ui.stdin.write(digit);
      await tick(5);
    }
    expect(plain(ui.lastFrame())).toContain("Code shown on the token: ******");
    ui.stdin.write("\r");
    await tick();
    expect(intents).toEqual([{ type: "device-code", serialNumber: "S1", code: "287082" }]);
    store.push({
      type: "device-verdict",
      serialNumber: "S1",
      verdict: { kind: "match", driftSteps: -1, driftSeconds: -30 },
    });
    store.push(prompt("S2", 2));
    await tick();
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Device check · token 2 of 2
        Serial  S2
        User    s2@contoso.example
      ✔ S1: the code matches, drift -1 step (-30 s).

      Code shown on the token:
      Enter to check · Tab to skip this token · q to stop

      Checked 1 · Matched 1 · Mismatched 0 · Skipped 0"
    `);
    for (const frame of ui.frames) expect(frame).not.toMatch(/287082|2870|8708/u);
    ui.stdin.write("\t");
    await tick();
    expect(intents.at(-1)).toEqual({ type: "device-skip", serialNumber: "S2" });
    ui.unmount();
  });

  it("takes digits only, and asks for all six before checking", async () => {
    const store = createDeviceCheckStore();
    const intents: Intent[] = [];
    store.onIntent((i) => intents.push(i));
    store.push({ type: "device-check-started", total: 1 });
    store.push(prompt("S1", 1));
    const ui = render(<DeviceCheckApp store={store} width={60} />);
    const line = () => plain(ui.lastFrame()).split("\n")[4];
    await tick();
    for (const key of ["4", "1", "a"]) {
      ui.stdin.write(key);
      await tick(5);
    }
    expect(line()).toBe("Code shown on the token: **  digits only");
    for (const key of ["9", "0", "7"]) {
      ui.stdin.write(key);
      await tick(5);
    }
    ui.stdin.write("\r");
    await tick();
    expect(line()).toBe("Code shown on the token: *****  6 digits needed");
    expect(intents).toEqual([]);
    ui.stdin.write("\u007f"); // Backspace
    await tick(5);
    ui.stdin.write("52"); // pasted: both digits arrive in one chunk
    await tick(5);
    ui.stdin.write("8");
    await tick(5);
    expect(line()).toBe("Code shown on the token: ******  6 digits at most");
    ui.stdin.write("\r");
    await tick();
    expect(intents).toEqual([{ type: "device-code", serialNumber: "S1", code: "419052" }]);
    for (const frame of ui.frames) expect(frame).not.toMatch(/41905|19052|41a/u);
    ui.unmount();
  });

  it("takes q as the stop key it is, not as a letter typed into the code", async () => {
    const store = createDeviceCheckStore();
    const intents: Intent[] = [];
    store.onIntent((i) => intents.push(i));
    store.push({ type: "device-check-started", total: 1 });
    store.push(prompt("S1", 1));
    const ui = render(<DeviceCheckApp store={store} width={60} />);
    await tick();
    ui.stdin.write("q");
    await tick();
    expect(intents).toEqual([{ type: "quit" }]);
    expect(plain(ui.lastFrame())).not.toContain("digits only");
    ui.unmount();
  });

  it("shows no verdict of the previous token after Tab skips one", async () => {
    const store = createDeviceCheckStore();
    store.push({ type: "device-check-started", total: 2 });
    store.push(prompt("S1", 1));
    store.push({
      type: "device-verdict",
      serialNumber: "S1",
      verdict: { kind: "mismatch", message: "Check the serial on the back of the token." },
    });
    store.push(prompt("S1", 1, 2));
    const ui = render(<DeviceCheckApp store={store} width={60} />);
    await tick();
    expect(plain(ui.lastFrame())).toContain("✘ S1: the code does not match this seed.");
    store.onIntent((i) => {
      if (i.type === "device-skip") {
        store.push({ type: "device-skipped", serialNumber: i.serialNumber });
        store.push(prompt("S2", 2));
      }
    });
    ui.stdin.write("\t");
    await tick();
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Device check · token 2 of 2
        Serial  S2
        User    s2@contoso.example

      Code shown on the token:
      Enter to check · Tab to skip this token · q to stop

      Checked 1 · Matched 0 · Mismatched 1 · Skipped 1"
    `);
    ui.unmount();
  });

  it("says what to do next on a mismatch", async () => {
    const store = createDeviceCheckStore();
    store.push({ type: "device-check-started", total: 1 });
    store.push(prompt("S1", 1));
    store.push({
      type: "device-verdict",
      serialNumber: "S1",
      verdict: {
        kind: "mismatch",
        message: "Check the serial on the back of the token, then type the next code it shows.",
      },
    });
    const ui = render(<DeviceCheckApp store={store} width={80} />);
    await tick();
    expect(plain(ui.lastFrame())).toMatchInlineSnapshot(`
      "Device check · token 1 of 1
        Serial  S1
        User    s1@contoso.example
      ✘ S1: the code does not match this seed.
        Check the serial on the back of the token, then type the next code it shows.

      Checked 1 · Matched 0 · Mismatched 1 · Skipped 0"
    `);
    ui.unmount();
  });
});
