import { describe, expect, it } from "vitest";
import { chmodSync, copyFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { cliJs, nodeBin, startTenant } from "../helpers/e2e.js";
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

/** tokens.csv, Activate, a real tenant: on to the tenant id field. */
async function toTenantForm(term: ReturnType<typeof guided>): Promise<void> {
  await term.waitFor("❯ tokens.csv");
  term.keys("Enter");
  await term.waitFor("Rows 8 · Valid 8");
  term.keys("Enter");
  await term.waitFor("❯ Activate");
  term.keys("Enter");
  await term.waitFor("❯ Local emulator");
  term.keys("Down", "Enter");
  await term.waitFor("Tenant ID:");
}

/*
The guided flow's screens and paths that are not a cell of person-matrix.test.ts (which answers
its plan y and n, presses Ctrl-C at the plan, mid-run and on the summary, and pipes it).
*/
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

  it("returns a failed sign-in to the tenant step with the ids typed, naming the step", async () => {
    const dir = folder();
    const emulator = await startTenant(dir, []);
    // Sign-in goes to the emulator, which refuses this secret.
    const term = guided(dir, {
      AZURE_AUTHORITY_HOST: emulator.url,
      AZURE_CLIENT_SECRET: "not-the-secret",
      NODE_EXTRA_CA_CERTS: emulator.caFile,
    });
    await toTenantForm(term);
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

  it("takes a tenant id and a client id typed with their Enter in one burst", async () => {
    const term = guided(folder());
    await toTenantForm(term);
    // As pasted, or from a fast typist: the text and its Enter reach the program in one chunk.
    term.keys("contoso.onmicrosoft.com", "Enter");
    const client = await term.waitFor("Client ID:");
    expect(client).toMatch(/^Tenant ID {2}contoso\.onmicrosoft\.com$/mu);
    term.keys("11111111-2222-3333-4444-555555555555", "Enter");
    const auth = await term.waitFor("Sign in with:");
    expect(auth).toMatch(/^Client ID {2}11111111-2222-3333-4444-555555555555$/mu);
    term.keys("C-c");
    await term.waitFor("EXIT=130");
  }, 60_000);

  it("acts on keys sent in one burst: Down then Enter picks the entry below; a path and Enter opens it", async () => {
    const dir = folder();
    const term = guided(dir);
    await term.waitFor("❯ tokens.csv");
    // One send-keys is one write: the keys reach the program in one chunk, as from a fast typist.
    term.keys("Down", "Enter");
    // (samples/ here are not private: the picker says so, which names the file it opened.)
    await term.waitFor(/^✘ .*samples\/broken\.csv may be read/mu);
    // A typed path and its Enter together: the path is opened, not left in the field.
    term.keys("samples/nope.csv", "Enter");
    const missing = await term.waitFor(/^✘ .*nope\.csv/mu);
    // Back on the picker after the error, the path field still holds what was typed.
    expect(missing).toContain("Path: samples/nope.csv");
    // Esc to the list and "Type a path…" again: the typed path is still there to correct.
    term.keys("Escape");
    await term.waitFor("❯ tokens.csv");
    term.keys("PageDown", "Enter");
    await term.waitFor("Path: samples/nope.csv");
    term.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace");
    term.keys("hex.csv", "Enter");
    await term.waitFor(/^✘ .*hex\.csv may be read by group/mu);
    term.keys("C-c");
    await term.waitFor("EXIT=130");
  }, 60_000);

  it("edits a kept path key by key after Esc from validation, and opens the corrected path", async () => {
    const dir = folder();
    copyFileSync(join(samples, "hex.csv"), join(dir, "hex.csv"));
    chmodSync(join(dir, "hex.csv"), 0o600);
    const term = guided(dir, {}, { width: 60, height: 20 });
    await term.waitFor("❯ hex.csv");
    term.keys("./hex.csv", "Enter");
    await term.waitFor("Rows 4 · Valid 4");
    term.keys("Escape");
    await term.waitFor("Path: ./hex.csv");
    // A person pauses before editing: the field then settles, and the update loop (issue of
    // 192a69b: every render called onChange again, which set state again) had time to run.
    await new Promise((r) => setTimeout(r, 1000));
    // Each key on its own, as a person edits: every change of the field is a render of its own.
    for (const left of ["./hex.cs", "./hex.c", "./hex.", "./hex", "./he", "./h", "./"]) {
      term.keys("BSpace");
      await term.waitFor(new RegExp(`Path: ${left.replaceAll(".", "\\.")}\\s*$`, "mu"));
    }
    term.keys("t");
    await term.waitFor("Path: ./t");
    term.keys("okens.csv", "Enter");
    await term.waitFor("Rows 8 · Valid 8");
    expect(term.history()).not.toContain("Maximum update depth");
    term.keys("C-c");
    await term.waitFor("EXIT=130");
  }, 60_000);
});
