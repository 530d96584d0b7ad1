import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { coreLimitIsZero } from "../../src/secrets/core-dumps.js";
import { cliJs, nodeBin } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
Issue #15 item 11: no core dump while seeds are in memory, where the platform allows it. On Linux
with util-linux's prlimit, oathkit sets its own core limit to 0 (soft and hard) before it reads a
seed file; elsewhere nothing is possible from Node, and docs/seed-files.md says so. The real CLI
runs with a preloaded probe that copies /proc/self/limits as the process exits.
*/

const supported = process.platform === "linux" && existsSync("/usr/bin/prlimit");

/** Runs the real CLI with a probe that saves the process's limits at exit. */
async function limitsAtExit(
  args: string[],
  dir: string,
): Promise<{ code: number | null; limits: string }> {
  const out = join(dir, "limits.txt");
  const probe = join(dir, "probe.mjs");
  writeFileSync(
    probe,
    `import { readFileSync, writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(${JSON.stringify(out)}, readFileSync("/proc/self/limits")));\n`,
  );
  const child = spawn(nodeBin, ["--import", probe, cliJs, ...args], {
    cwd: dir,
    env: { PATH: process.env["PATH"] ?? "", HOME: dir },
    stdio: "ignore",
  });
  const code = await new Promise<number | null>((done) => child.on("close", done));
  return { code, limits: readFileSync(out, "utf8") };
}

describe("core dumps", () => {
  it("reads a core limit of 0 from /proc/self/limits", () => {
    const row = (soft: string, hard: string) =>
      `Limit                     Soft Limit           Hard Limit           Units\nMax core file size        ${soft}                    ${hard}                    bytes\n`;
    expect(coreLimitIsZero(row("0", "0"))).toBe(true);
    expect(coreLimitIsZero(row("0", "unlimited"))).toBe(false);
  });

  it.skipIf(!supported)("are off, soft and hard, in a command that reads seeds", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "tokens.csv"),
      "serial number,secret key,time interval,manufacturer,model\n1,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,T,M\n",
      { mode: 0o600 },
    );
    const validate = await limitsAtExit(["validate", "tokens.csv"], dir);
    expect(validate.code).toBe(0);
    expect(validate.limits).toMatch(/^Max core file size\s+0\s+0\s+bytes/mu);
  });
});
