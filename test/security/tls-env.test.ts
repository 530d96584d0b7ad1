import { describe, expect, it } from "vitest";
import { AuthError } from "../../src/errors.js";
import { resolveConnection } from "../../src/graph/index.js";
import { join } from "node:path";
import {
  makeTokens,
  members,
  runCli,
  startTenant,
  tenantArgs,
  writeSeedCsv,
} from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/*
Issue #15 item 11 (TLS): Node switches certificate checks off for the whole process when
NODE_TLS_REJECT_UNAUTHORIZED=0, and oathkit used to run with it. Every command that talks to a
tenant now refuses to start with it (exit 2, one sentence and a hint); nothing reaches the tenant.
*/

const ids = { tenant: "contoso.example", clientId: "11111111-2222-3333-4444-555555555555" };
const off = { NODE_TLS_REJECT_UNAUTHORIZED: "0" };
const refusal = /^NODE_TLS_REJECT_UNAUTHORIZED=0 is set: it turns off TLS certificate checks/u;

describe("NODE_TLS_REJECT_UNAUTHORIZED=0", () => {
  it("is refused by resolveConnection, whatever the other settings", () => {
    expect(() => resolveConnection(ids, off)).toThrow(AuthError);
    expect(() => resolveConnection(ids, off)).toThrow(refusal);
    // Only "0" switches the checks off in Node; other values leave them on.
    for (const value of ["1", "", "false", "no"]) {
      expect(resolveConnection(ids, { NODE_TLS_REJECT_UNAUTHORIZED: value }).tenantId).toBe(
        ids.tenant,
      );
    }
  });

  it("stops list, import and remove against a tenant before any request (exit 2)", async () => {
    const dir = tempDir();
    const emulator = await startTenant(dir, members(1));
    const { args, env } = tenantArgs(emulator);
    writeSeedCsv(join(dir, "tokens.csv"), makeTokens([members(1)[0]!.upn], "TLS"), "base32");
    for (const command of [
      ["list"],
      ["import", "tokens.csv", "--yes"],
      ["remove", "TLS00001", "--yes"],
    ]) {
      const result = await runCli([...command, ...args], { cwd: dir, env: { ...env, ...off } });
      expect(result.code, command[0]).toBe(2);
      expect(result.stderr, command[0]).toMatch(refusal);
      expect(result.stderr).toContain("NODE_EXTRA_CA_CERTS");
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /u);
    }
    expect(emulator.state().counters.requests).toEqual({});
  });

  it("stops --emulator runs too", async () => {
    const result = await runCli(["list", "--emulator"], { cwd: tempDir(), env: off });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(refusal);
  });

  it("leaves commands that talk to no tenant alone", async () => {
    const dir = tempDir();
    writeSeedCsv(join(dir, "tokens.csv"), makeTokens(["a@contoso.example"], "V"), "base32");
    const result = await runCli(["validate", "tokens.csv"], { cwd: dir, env: off });
    expect(result.code).toBe(0);
  });
});
