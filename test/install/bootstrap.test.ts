import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { nodeBin } from "../helpers/e2e.js";

const root = resolve(import.meta.dirname, "../..");
const bootstrap = join(root, "bin/oathkit.cjs");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
  engines: { node: string };
};

function refusal(version: string): string {
  return (
    `oathkit needs Node.js 22.19+ or 24.5+; this is v${version} — install a newer Node or use ` +
    "the standalone executable.\n"
  );
}

/** Runs the bootstrap as a given Node version would: what it wrote, its exit code, what it loaded. */
function runAs(version: string): { stderr: string; exitCode: unknown; loaded: string[] } {
  const loaded: string[] = [];
  let stderr = "";
  const fakeProcess = {
    versions: { node: version },
    stderr: { write: (text: string) => (stderr += text) },
    exitCode: undefined as unknown,
  };
  runInNewContext(readFileSync(bootstrap, "utf8"), {
    process: fakeProcess,
    require: (id: string) => loaded.push(id),
  });
  return { stderr, exitCode: fakeProcess.exitCode, loaded };
}

/** A `node` on PATH that is not the project's pinned one (the machine's own), if any. */
function machineNode(): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "" || dir.includes("node_modules")) continue;
    const candidate = join(dir, "node");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

describe("the npm bootstrap (bin/oathkit.cjs)", () => {
  it("is the package's bin and names the same floor as engines", () => {
    expect(pkg.bin).toEqual({ oathkit: "bin/oathkit.cjs" });
    expect(pkg.engines.node).toBe("^22.19.0 || >=24.5.0");
  });

  it.each(["22.19.0", "22.23.5", "24.5.0", "24.21.0", "25.0.0", "26.10.0"])(
    "loads the application on Node %s",
    (version) => {
      expect(runAs(version)).toEqual({ stderr: "", exitCode: undefined, loaded: ["./start.cjs"] });
    },
  );

  it.each(["0.12.18", "6.17.1", "10.24.1", "20.20.2", "22.0.0", "22.18.0", "23.11.1", "24.4.1"])(
    "refuses Node %s in one sentence with exit code 2, loading nothing",
    (version) => {
      expect(runAs(version)).toEqual({ stderr: refusal(version), exitCode: 2, loaded: [] });
    },
  );

  const oldNode = machineNode();
  const oldVersion =
    oldNode === undefined ? undefined : execFileSync(oldNode, ["--version"], { encoding: "utf8" });
  const tooOld = oldVersion !== undefined && runAs(oldVersion.trim().slice(1)).exitCode === 2;

  it.skipIf(!tooOld)("refuses the machine's own older Node for real", () => {
    const run = spawnSync(oldNode!, [bootstrap, "--version"], { encoding: "utf8" });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: "",
      stderr: refusal(oldVersion!.trim().slice(1)),
    });
  });

  it("starts the built application on the pinned Node", () => {
    const run = spawnSync(nodeBin, [bootstrap, "--version"], { encoding: "utf8" });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 0,
      stdout: `${pkg.version}\n`,
      stderr: "",
    });
  });
});
