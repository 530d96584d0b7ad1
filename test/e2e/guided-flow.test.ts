import { describe, expect, it } from "vitest";
import { chmodSync, copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { msLeftInStep, totpCode } from "../../src/totp.js";
import {
  cliJs,
  findSecrets,
  makeTokens,
  nodeBin,
  secretsOf,
  startTenant,
  writeSeedCsv,
  latestReport,
} from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";
import { openTerminal } from "../helpers/tmux.js";

const samples = resolve(import.meta.dirname, "../../samples");
const path = `${resolve(nodeBin, "..")}:${process.env["PATH"] ?? ""}`;

/** A folder laid out like a clone: a seed file of its own and a samples/ folder. */
function folder(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "samples"));
  for (const name of ["broken.csv", "graph.csv", "hex.csv", "token2.csv"])
    copyFileSync(join(samples, name), join(dir, "samples", name));
  copyFileSync(join(samples, "token2.csv"), join(dir, "tokens.csv"));
  chmodSync(join(dir, "tokens.csv"), 0o600);
  return dir;
}

function guided(dir: string, env: Record<string, string> = {}, size = { width: 80, height: 24 }) {
  return openTerminal(`node ${cliJs}`, {
    cwd: dir,
    env: { PATH: path, HOME: dir, ...env },
    ...size,
  });
}

/** tokens.csv → validation → Activate → the local emulator: the plan waits for y/N. */
async function toPlan(term: ReturnType<typeof guided>): Promise<string> {
  await term.waitFor("❯ tokens.csv");
  term.keys("Enter");
  await term.waitFor("Rows 8 · Valid 8 · Rejected 0");
  term.keys("Enter");
  await term.waitFor("❯ Activate");
  term.keys("Enter");
  await term.waitFor("❯ Local emulator");
  term.keys("Enter");
  return term.waitFor("Go on? y/N", 30_000);
}

describe("the guided flow in a real terminal (tmux)", () => {
  it("offers the folder's and samples/ files, takes a typed path; Ctrl-C there exits 130", async () => {
    const term = guided(folder(), {}, { width: 60, height: 20 });
    const picker = await term.waitFor("samples/token2.csv");
    expect(picker).toMatch(/❯ tokens\.csv\n {2}samples\/broken\.csv/u);
    term.keys("s", "a", "m");
    await term.waitFor("Path: sam");
    term.keys("Escape");
    await term.waitFor("❯ tokens.csv");
    term.keys("C-c");
    await term.waitFor("EXIT=130");
  }, 60_000);

  it("exits 130 at the first Ctrl-C at the plan, before anything is written", async () => {
    const dir = folder();
    const term = guided(dir);
    await toPlan(term);
    term.keys("C-c");
    await term.waitFor("EXIT=130", 10_000);
    expect(existsSync(join(dir, "oathkit-runs"))).toBe(false);
  }, 60_000);

  it("after n says nothing was written and how to go on (no --yes); q then exits 2", async () => {
    const dir = folder();
    const term = guided(dir);
    await toPlan(term);
    term.keys("n");
    const declined = await term.waitFor("Nothing was written.");
    expect(declined).toContain("Esc goes back to the tenant, then the mode and the file");
    expect(declined).not.toContain("--yes");
    term.keys("Escape");
    await term.waitFor("❯ Local emulator");
    term.keys("Enter");
    await term.waitFor("Go on? y/N", 30_000);
    term.keys("n");
    await term.waitFor("Nothing was written.");
    term.keys("q");
    await term.waitFor("EXIT=2");
    expect(existsSync(join(dir, "oathkit-runs"))).toBe(false);
  }, 60_000);

  it("stops a run at Ctrl-C after the requests in flight, exits 130, and shows and reports no code", async () => {
    const dir = tempDir();
    const tokens = makeTokens(
      ["adele.vance@contoso.example", "alex.wilber@contoso.example"],
      "C",
    ).map((t) => ({ ...t, interval: 30 as const, hash: "hmacsha1" as const }));
    writeSeedCsv(join(dir, "devices.csv"), tokens, "base32");
    const term = guided(dir);
    await term.waitFor("❯ devices.csv");
    term.keys("Enter");
    await term.waitFor("Rows 2 · Valid 2 · Rejected 0");
    term.keys("Enter");
    await term.waitFor("❯ Activate");
    term.keys("Down", "Down", "Down");
    await term.waitFor("❯ Activate with the code shown on each device");
    term.keys("Enter");
    await term.waitFor("❯ Local emulator");
    term.keys("Enter");
    await term.waitFor("Go on? y/N", 30_000);
    term.keys("y");
    await term.waitFor("token 1 of 2", 30_000);
    if (msLeftInStep(Date.now(), 30) < 3_000)
      await new Promise((r) => setTimeout(r, msLeftInStep(Date.now(), 30) + 100));
    const typed = totpCode(tokens[0]!.seed, Date.now(), 30, "hmacsha1");
    term.keys(typed);
    await term.waitFor(/Code shown on the token: \*{6}$/mu);
    term.keys("Enter");
    await term.waitFor("token 2 of 2", 30_000);
    term.keys("C-c"); // the run is writing: it stops after the requests in flight
    const end = await term.waitFor("EXIT=130", 30_000);
    expect(end).toContain("Summary");
    expect(findSecrets({ screen: end }, secretsOf(tokens))).toEqual([]);
    const { text: report, table } = latestReport(dir, "import");
    // serialNumber and state: the first token activated, the second left as it was.
    const rows = table.slice(1);
    expect(rows.map((cells) => cells[1])).toEqual([tokens[0]!.serial, tokens[1]!.serial]);
    expect(rows[0]![4]).toBe("activated");
    expect(rows[1]![4]).not.toBe("activated");
    expect(findSecrets({ report }, secretsOf(tokens))).toEqual([]);
  }, 90_000);

  it("exits 130 at Ctrl-C on the summary, where q exits with the run's code", async () => {
    const term = guided(folder());
    await toPlan(term);
    term.keys("y");
    await term.waitFor("Summary", 30_000);
    term.keys("C-c");
    await term.waitFor("EXIT=130");
  }, 60_000);

  it("returns a failed sign-in to the tenant step with the ids typed, naming the step", async () => {
    const dir = folder();
    const emulator = await startTenant(dir, []);
    // Sign-in goes to the emulator, which refuses this secret.
    const term = guided(dir, {
      AZURE_AUTHORITY_HOST: emulator.url,
      AZURE_CLIENT_SECRET: "not-the-secret",
      NODE_EXTRA_CA_CERTS: emulator.caFile,
    });
    await term.waitFor("❯ tokens.csv");
    term.keys("Enter");
    await term.waitFor("Rows 8 · Valid 8");
    term.keys("Enter");
    await term.waitFor("❯ Activate");
    term.keys("Enter");
    await term.waitFor("❯ Local emulator");
    term.keys("Down", "Enter");
    await term.waitFor("Tenant ID:");
    term.keys("-l", emulator.tenantId);
    term.keys("Enter");
    await term.waitFor("Client ID:");
    term.keys("-l", emulator.clientId);
    term.keys("Enter");
    await term.waitFor("Sign in with:");
    term.keys("Down", "Down", "Down");
    await term.waitFor("❯ Client secret");
    term.keys("Enter");
    const failed = await term.waitFor("Signing in to the tenant failed", 30_000);
    expect(failed).toContain(`Tenant ID: ${emulator.tenantId}`);
    expect(failed).not.toContain("Microsoft Graph answered");
    expect(failed).not.toContain("not-the-secret");
    term.keys("Enter");
    await term.waitFor(`Client ID: ${emulator.clientId}`);
    term.keys("Escape");
    await term.waitFor("Tenant ID:");
    term.keys("Escape");
    await term.waitFor("❯ Local emulator");
    term.keys("Enter");
    await term.waitFor("Go on? y/N", 30_000);
    // Esc from the plan: back to the tenant, then the mode; q there leaves like Ctrl-C.
    term.keys("Escape");
    await term.waitFor("❯ Local emulator");
    term.keys("Escape");
    await term.waitFor("❯ Activate");
    term.keys("q");
    await term.waitFor("EXIT=130", 10_000);
    expect(emulator.state().devices).toEqual([]);
  }, 90_000);
});
