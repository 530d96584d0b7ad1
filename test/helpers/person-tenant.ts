import { existsSync } from "node:fs";
import { join } from "node:path";
import { trustEmulatorCa, type RunningEmulator } from "../../src/emulator/index.js";
import { Seed } from "../../src/secrets/seed.js";
import { latestReport, type TestToken } from "./e2e.js";
import { emulatorGraphClient } from "./graph-client.js";

/*
What a tenant holds for test/e2e/person-matrix.test.ts: put there before a cell, read after it.
*/

/** Each serial as the row found it, each as the row's command leaves it when done, or some of each. */
export type Holds = "untouched" | "done" | "partly";

/** Every serial's state, with its holder: `activated:user1@contoso.example`, or `absent`. */
export type Tenant = Map<string, string>;

/**
Puts tokens into an emulator's inventory, each assigned to its row's user (not activated), with
one bulk create from this process: the starting state of tests of `activate` and `remove`.
*/
export async function stockTenant(
  emulator: RunningEmulator,
  tokens: readonly TestToken[],
): Promise<void> {
  trustEmulatorCa(emulator.caPem);
  const ids = new Map(emulator.state().users.map((u) => [u.userPrincipalName, u.id]));
  await emulatorGraphClient(emulator)
    .api("/directory/authenticationMethodDevices/hardwareOathDevices")
    .patch({
      "@context": "#$delta",
      value: tokens.map((t, i) => ({
        "@contentId": String(i + 1),
        serialNumber: t.serial,
        manufacturer: "Token2",
        model: "C202",
        secretKey: new Seed(t.seed).toBase32(),
        timeIntervalInSeconds: t.interval,
        hashFunction: t.hash,
        ...(t.upn === null ? {} : { assignTo: { id: ids.get(t.upn) } }),
      })),
    });
}
export function fromEmulator(emulator: RunningEmulator, tokens: readonly TestToken[]): Tenant {
  const devices = new Map(emulator.state().devices.map((d) => [d.serialNumber, d]));
  return new Map(
    tokens.map((t) => {
      const d = devices.get(t.serial);
      return [t.serial, d === undefined ? "absent" : `${d.status}:${d.holder?.userPrincipalName}`];
    }),
  );
}

/**
The guided flow's tenant lives inside the oathkit process: what it held at the end is the run's
report (every token read back); no oathkit-runs folder at all means nothing was sent.
*/
export function fromReport(dir: string, tokens: readonly TestToken[]): Tenant {
  if (!existsSync(join(dir, "oathkit-runs")))
    return new Map(tokens.map((t) => [t.serial, "absent"]));
  const [header, ...table] = latestReport(dir, "import").table;
  const [serial, upn, state] = ["serialNumber", "upn", "state"].map((c) => header!.indexOf(c));
  return new Map(table.map((r) => [r[serial!]!, `${r[state!]}:${r[upn!]}`]));
}

/** `stocked`: the tokens were assigned before the command ran; `done`: what the command makes of them. */
export function classify(
  tenant: Tenant,
  tokens: readonly TestToken[],
  row: { stocked: boolean; done: "activated" | "absent" },
): Holds {
  const start = (t: TestToken) => (row.stocked ? `assigned:${t.upn}` : "absent");
  const done = (t: TestToken) => (row.done === "absent" ? "absent" : `activated:${t.upn}`);
  if (tokens.every((t) => tenant.get(t.serial) === start(t))) return "untouched";
  if (tokens.every((t) => tenant.get(t.serial) === done(t))) return "done";
  return "partly";
}
