import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { AuthError, InputFileError } from "../../src/errors.js";
import { driveGuided } from "../../src/ui/guided/drive-guided.js";
import { GuidedApp } from "../../src/ui/guided/GuidedApp.js";
import type { GuidedController, RunChoices } from "../../src/ui/guided/guided-controller.js";
import { createGuidedStore } from "../../src/ui/guided/render-guided.js";
import { planned, plain, summary, tick, token } from "../helpers/ui-fixtures.js";

const enter = "\r";
const down = "\u001b[B";
const escape = "\u001b";

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
      emit({ type: "finished", serialNumber: "S1", upn: null, state: "available" });
      emit({ type: "summary", summary: { ...summary, interrupted: signal.aborted } });
      return summary;
    },
  };
  return { controller, calls };
}

describe("the guided flow", () => {
  it("Esc back from a file's validation returns to the list on that file", async () => {
    const store = createGuidedStore(["a.csv", "b.csv", "tokens.csv"]);
    const { controller } = fakeController();
    void driveGuided(store, controller);
    const ui = render(<GuidedApp store={store} size={{ columns: 80, rows: 24 }} />);
    const screen = () => plain(ui.lastFrame());
    await tick();
    ui.stdin.write(down);
    await tick();
    ui.stdin.write(down);
    await tick();
    ui.stdin.write(enter); // tokens.csv
    await tick();
    expect(screen()).toContain("Rows 4 · Valid 4");
    ui.stdin.write(escape);
    await tick();
    expect(screen()).toContain("❯ tokens.csv");
    ui.stdin.write(enter); // the same file again, not a.csv
    await tick();
    expect(screen()).toContain("tokens.csv");
    expect(screen()).toContain("Rows 4 · Valid 4");
    ui.unmount();
  });

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
    ui.stdin.write("q"); // stop the run: it ends after the requests in flight, then the flow leaves
    await tick();
    expect(screen()).toContain("Stopping after the current requests…");
    await expect(driven).resolves.toMatchObject({ summary, interrupted: true });
    await tick();
    expect(calls.aborted).toBe(true);
    expect(screen()).toContain("Summary");
    expect(screen()).toContain("To finish, run the same command again.");
    expect(calls.validate).toEqual(["bad.txt", "tokens.csv"]);
    ui.unmount();
  });
});

const files = [
  "tokens.csv",
  "samples/broken.csv",
  "samples/feitian.txt",
  "samples/graph.csv",
  "samples/hex.csv",
  "samples/pskc-aes.xml",
  "samples/pskc-plain.xml",
  "samples/pskc-psk.xml",
  "samples/token2.csv",
  "samples/token2-semicolon.csv",
  "samples/users-map.csv",
];

async function mount(size: { columns: number; rows: number }, list = files) {
  const store = createGuidedStore(list);
  const { controller, calls } = fakeController();
  const driven = driveGuided(store, controller);
  const ui = render(<GuidedApp store={store} size={size} />);
  await tick();
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      ui.stdin.write(key);
      await tick(keys.length > 1 ? 5 : 20);
    }
    await tick();
    return plain(ui.lastFrame());
  };
  return { store, ui, calls, driven, press, screen: () => plain(ui.lastFrame()) };
}

describe("the guided file picker", () => {
  it("offers the folder's and samples/ files, says how many more there are, and scrolls", async () => {
    const { ui, screen, press } = await mount({ columns: 60, rows: 12 });
    expect(screen()).toMatchInlineSnapshot(`
      "Seed file
      Pick a seed file, or type its path:

      ❯ tokens.csv
        samples/broken.csv
        samples/feitian.txt
        samples/graph.csv
        samples/hex.csv
        ↓ 7 more (11 files)

      ↑↓ Enter choose · type a path · Ctrl-C quit"
    `);
    expect(await press(down, down, down, down, down, down)).toMatchInlineSnapshot(`
      "Seed file
      Pick a seed file, or type its path:
        ↑ 2 more
        samples/feitian.txt
        samples/graph.csv
        samples/hex.csv
        samples/pskc-aes.xml
      ❯ samples/pskc-plain.xml
        ↓ 5 more (11 files)

      ↑↓ Enter choose · type a path · Ctrl-C quit"
    `);
    ui.unmount();
  });

  it("takes a typed path: typing opens the path field, Esc goes back to the list", async () => {
    const { ui, press, calls } = await mount({ columns: 80, rows: 24 });
    expect(await press("s", "a", "m")).toMatchInlineSnapshot(`
      "Seed file
      Path: sam

      Enter open · Esc back to the list · Ctrl-C quit"
    `);
    expect(await press(escape)).toContain("❯ tokens.csv");
    await press("x", ".", "c", "s", "v", enter);
    expect(calls.validate).toEqual(["x.csv"]);
    ui.unmount();
  });
});

describe("the guided flow's Esc and leaving", () => {
  it("Esc goes back one step at a time, and one field at a time in the tenant form", async () => {
    const { ui, press } = await mount({ columns: 80, rows: 24 }, ["tokens.csv"]);
    await press(enter); // tokens.csv
    expect(await press(enter)).toContain("Mode");
    await press(down, enter); // assign
    await press(down, enter); // a tenant
    expect(await press("c", "o", enter)).toContain("Client ID:");
    // An empty client id goes on: a person signs in through Microsoft Graph PowerShell's client.
    expect(await press(enter)).toContain("Client ID  (Microsoft Graph PowerShell's)");
    expect(await press(escape)).toContain("Client ID:");
    expect(await press(escape)).toMatch(/Tenant ID: co/u); // back to the tenant id, kept
    expect(await press(escape)).toContain("❯ Local emulator");
    expect(await press(escape)).toContain("Mode");
    expect(await press(escape)).toContain("Validation");
    expect(await press(escape)).toContain("Seed file");
    ui.unmount();
  });

  it("Esc at the plan goes back to the tenant; after n it says how to go on, without --yes", async () => {
    const { ui, press, calls, driven } = await mount({ columns: 80, rows: 24 }, ["tokens.csv"]);
    await press(enter);
    await press(enter);
    await press(enter); // activate
    expect(await press(enter)).toContain("Go on? y/N"); // the emulator
    expect(await press(escape)).toContain("❯ Local emulator");
    await press(enter);
    const declined = await press("n");
    expect(declined).not.toContain("--yes");
    expect(declined.split("\n").slice(-6).join("\n")).toMatchInlineSnapshot(`
      "
      ℹ Nothing was written.
        Esc goes back to the tenant, then the mode and the file, to change a choice.
        1 row was rejected: fix it in tokens.csv and pick the file again.

      Esc back · q quit"
    `);
    expect(calls.run).toHaveLength(2);
    await press("q");
    await expect(driven).resolves.toMatchObject({ summary: null, interrupted: false });
    ui.unmount();
  });
});

describe("a failed sign-in in the guided flow", () => {
  it("returns to the tenant step with what was typed, naming the step that failed", async () => {
    const store = createGuidedStore(["tokens.csv"]);
    const { controller } = fakeController();
    const runs: RunChoices[] = [];
    void driveGuided(store, {
      ...controller,
      run: (choices) => {
        runs.push(choices);
        return Promise.reject(
          new AuthError(
            "Could not reach the sign-in service at login.microsoftonline.com: network error.",
            { hint: "Check the network and the tenant, then choose the sign-in method again." },
          ),
        );
      },
    });
    const ui = render(<GuidedApp store={store} size={{ columns: 80, rows: 24 }} />);
    const press = async (...keys: string[]) => {
      for (const key of keys) {
        ui.stdin.write(key);
        await tick(20);
      }
      await tick();
      return plain(ui.lastFrame());
    };
    await tick();
    await press(enter, enter, enter, down, enter); // file, continue, activate, a tenant
    await press(..."contoso.onmicrosoft.com", enter, ..."1234-app", enter);
    const failed = await press(enter); // device code
    expect(runs).toHaveLength(1);
    expect(failed).toMatchInlineSnapshot(`
      "Tenant
      ✘ Signing in to the tenant failed; nothing was written.
        Could not reach the sign-in service at login.microsoftonline.com: network
        error.
        Check the network and the tenant, then choose the sign-in method again.

      Tenant ID: contoso.onmicrosoft.com

      Enter next · Esc back · Ctrl-C quit"
    `);
    const again = await press(enter, enter, down, enter); // keep both ids, Browser
    expect(runs.at(-1)?.connection).toEqual({
      kind: "tenant",
      tenantId: "contoso.onmicrosoft.com",
      clientId: "1234-app",
      auth: "browser",
    });
    expect(again).toContain("Signing in to the tenant failed");
    ui.unmount();
  });
});
