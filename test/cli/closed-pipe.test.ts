import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliJs, nodeBin } from "../helpers/e2e.js";
import { tempDir } from "../helpers/temp-dir.js";

/*
`oathkit validate f.csv | head -1`: the reader closes the pipe after one line. A child process,
since the point is the real stdout of a process whose reader went away.
*/
describe("a reader that closes the pipe early", () => {
  it("ends the command with its own exit code, no stack trace about EPIPE", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.csv");
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `user${i}@contoso.example,S${i},NOTBASE32!,30,Token2,C202`,
    );
    const header = "upn,serial number,secret key,time interval,manufacturer,model";
    writeFileSync(file, `${[header, ...rows].join("\n")}\n`, { mode: 0o600 });
    const child = spawn(nodeBin, [cliJs, "validate", file], { cwd: dir });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error'/u);
    expect(code).toBe(1); // rows were rejected: validate's own answer
  }, 30_000);
});
