import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliJs, nodeBin } from "../helpers/e2e.js";

const trace = join(import.meta.dirname, "../helpers/trace-packages.ts");

/** The packages the built CLI loads for these arguments, and its exit code. */
function packagesFor(args: string[]): { code: number | null; packages: string[] } {
  const child = spawnSync(nodeBin, ["--import", trace, cliJs, ...args], {
    encoding: "utf8",
    env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1" },
  });
  const packages = [...new Set(child.stderr.match(/(?<=^PKG ).+$/gmu) ?? [])].sort();
  return { code: child.status, packages };
}

describe("lazy command modules", () => {
  it("--version, --help, a command's --help, an unknown command and completion load no library at all", () => {
    for (const args of [
      ["--version"],
      ["--help"],
      ["import", "--help"],
      ["imprt"],
      ["list", "--nope"],
      ["completion", "bash"],
      ["completion", "powershell"],
    ]) {
      const { code, packages } = packagesFor(args);
      expect([args.join(" "), packages]).toEqual([args.join(" "), []]);
      expect(code).not.toBe(70);
    }
  });

  it("a piped validate loads neither ink nor the Graph stack nor the emulator's certificates nor a schema library", () => {
    const csv = join(import.meta.dirname, "../../samples/token2.csv");
    for (const args of [
      ["validate", csv],
      ["validate", csv, "--json"],
    ]) {
      const { code, packages } = packagesFor(args);
      expect(code).toBe(0);
      // zod alone took more start-up time than the rest of validate (issue #12).
      for (const heavy of [
        "ink",
        "react",
        "@azure/identity",
        "@microsoft/microsoft-graph-client",
        "@peculiar/x509",
        "zod",
      ])
        expect([args.join(" "), packages]).not.toEqual([
          args.join(" "),
          expect.arrayContaining([heavy]),
        ]);
    }
  });
});
