import { describe, expect, it } from "vitest";
import { AuthError, OathkitError } from "../../src/errors.js";
import type { Summary } from "../../src/events/run-summary.js";
import { driveGuided, type GuidedStore } from "../../src/ui/guided/drive-guided.js";
import type { GuidedController, RunHooks } from "../../src/ui/guided/guided-controller.js";
import { createGuidedStore } from "../../src/ui/guided/render-guided.js";
import type { Connection } from "../../src/events/intents.js";
import { planned, summary, tick } from "../helpers/ui-fixtures.js";

const tenant: Connection = {
  kind: "tenant",
  tenantId: "contoso.onmicrosoft.com",
  clientId: "11111111-2222-3333-4444-555555555555",
  auth: "device-code",
};

/**
A controller whose run plans like the core (the plan screen, then the confirmation), and then
does what `after` says once confirmed. Runs and aborts are recorded.
*/
function controller(after: (hooks: RunHooks) => Promise<Summary> = () => Promise.resolve(summary)) {
  const seen = { runs: 0, aborted: 0, settled: 0 };
  const c: GuidedController = {
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
    run: async (_choices, hooks) => {
      seen.runs += 1;
      hooks.signal.addEventListener("abort", () => (seen.aborted += 1));
      try {
        for (const [, e] of planned) hooks.emit(e);
        if (!(await hooks.confirm()))
          throw new OathkitError("Nothing was written.", {
            exitCode: 1,
            hint: "Fix the rejected rows, or pass --yes to go on with the valid rows only.",
          });
        return await after(hooks);
      } finally {
        seen.settled += 1;
      }
    },
  };
  return { controller: c, seen };
}

/** File, validation, mode and the connection: the run starts and shows its plan. */
async function toPlan(store: GuidedStore, connection: Connection = { kind: "emulator" }) {
  store.send({ type: "choose-file", path: "tokens.csv" });
  await tick(0);
  store.send({ type: "continue" });
  store.send({ type: "choose-mode", mode: "activate" });
  store.send({ type: "choose-connection", connection });
  await tick(0);
}

describe("driveGuided: leaving", () => {
  it("leaves at once with 'interrupted' on Ctrl-C before any run", async () => {
    const store = createGuidedStore(["tokens.csv"]);
    const driven = driveGuided(store, controller().controller);
    store.send({ type: "choose-file", path: "tokens.csv" });
    await tick(0);
    store.send({ type: "quit", interrupt: true });
    await expect(driven).resolves.toEqual({
      summary: null,
      interrupted: true,
      error: null,
      pending: false,
    });
  });

  it("leaves on the first Ctrl-C at the plan: declined, nothing written", async () => {
    const store = createGuidedStore(["tokens.csv"]);
    const { controller: c, seen } = controller();
    const driven = driveGuided(store, c);
    await toPlan(store);
    expect(store.getState().run.plan?.counts.create).toBe(3);
    store.send({ type: "quit", interrupt: true });
    await expect(driven).resolves.toMatchObject({ summary: null, interrupted: true });
    await tick(0);
    expect(seen).toEqual({ runs: 1, aborted: 1, settled: 1 });
  });

  it("stops a confirmed run after the requests in flight, then leaves 'interrupted'", async () => {
    const store = createGuidedStore(["tokens.csv"]);
    const stopped = { ...summary, interrupted: true };
    const { controller: c } = controller(async ({ signal }) => {
      await new Promise((r) => signal.addEventListener("abort", r));
      return stopped;
    });
    let left = false;
    const driven = driveGuided(store, c).finally(() => (left = true));
    await toPlan(store);
    store.send({ type: "confirm" });
    await tick(0); // writing
    store.send({ type: "quit", interrupt: true });
    await tick(0);
    await expect(driven).resolves.toEqual({
      summary: stopped,
      interrupted: true,
      error: null,
      pending: false,
    });
    expect(left).toBe(true);
  });

  it("q at the summary leaves with the run's summary; Ctrl-C there is still 'interrupted'", async () => {
    for (const interrupt of [false, true]) {
      const store = createGuidedStore(["tokens.csv"]);
      const driven = driveGuided(store, controller().controller);
      await toPlan(store);
      store.send({ type: "confirm" });
      await tick(0);
      store.send(interrupt ? { type: "quit", interrupt } : { type: "quit" });
      await expect(driven).resolves.toMatchObject({ summary, interrupted: interrupt });
    }
  });
});

describe("driveGuided: going back", () => {
  it("after a declined plan shows the guided flow's next steps, not the command's --yes hint", async () => {
    const store = createGuidedStore(["tokens.csv"]);
    const driven = driveGuided(store, controller().controller);
    await toPlan(store);
    store.send({ type: "decline" });
    await tick(0);
    expect(store.getState().run.decision).toBe("declined");
    expect(store.getState().run.fatal).toBeNull();
    store.send({ type: "quit" });
    const left = await driven;
    expect(left).toMatchObject({ summary: null, interrupted: false });
    expect(left.error?.exitCode).toBe(1);
  });

  it("Esc at the plan goes back to the tenant step; the left run's late events are dropped", async () => {
    const store = createGuidedStore(["tokens.csv"]);
    const late: Array<() => void> = [];
    const c: GuidedController = {
      ...controller().controller,
      run: async ({ connection }, { emit, confirm }) => {
        if (connection.kind === "emulator") {
          await new Promise<void>((r) => late.push(r));
          emit({ type: "phase", phase: "preflight", total: 99 });
          return summary;
        }
        for (const [, e] of planned) emit(e);
        await confirm();
        return summary;
      },
    };
    void driveGuided(store, c);
    await toPlan(store);
    expect(store.getState().step).toBe("run");
    store.send({ type: "back" });
    expect(store.getState().step).toBe("choose-connection");
    store.send({ type: "choose-connection", connection: tenant });
    await tick(0);
    late.forEach((resume) => resume());
    await tick(0);
    expect(store.getState().run.phases.preflight.total).toBe(4);
  });

  it("a failed sign-in goes back to the tenant step with what was typed and why", async () => {
    const store = createGuidedStore(["tokens.csv"]);
    const failing: GuidedController = {
      ...controller().controller,
      run: () =>
        Promise.reject(
          new AuthError(
            "Could not reach the sign-in service at login.microsoftonline.com: network error.",
            { hint: "Check the network, then choose the tenant again." },
          ),
        ),
    };
    void driveGuided(store, failing);
    await toPlan(store, tenant);
    await tick(0);
    expect(store.getState()).toMatchObject({
      step: "choose-connection",
      connection: tenant,
      connectionError: {
        step: "sign-in",
        message: "Could not reach the sign-in service at login.microsoftonline.com: network error.",
        hint: "Check the network, then choose the tenant again.",
      },
    });
    expect(store.getState().run.fatal).toBeNull();
  });

  it("rejects on an error that is not an OathkitError (a bug)", async () => {
    const store = createGuidedStore([]);
    const driven = driveGuided(store, {
      ...controller().controller,
      validate: () => Promise.reject(new TypeError("boom")),
    });
    store.send({ type: "choose-file", path: "x.csv" });
    await expect(driven).rejects.toThrow("boom");
  });
});
