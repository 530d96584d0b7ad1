// CI's check of the standalone executables that `npm run release` wrote (docs/install.md): the
// checksums, the Linux executable run with an empty environment (no Node anywhere on PATH) on the
// samples, its terminal UI in tmux, and the Windows executable's PE facts (it is not run here:
// Debian 12's Wine cannot start Node 24, see docs/install.md).
// Usage: node scripts/check-release.ts   (after `npm run release`)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Checks, expectEqual, expectStatus, run } from "./lib/checks.ts";
import { onPath } from "./lib/toolchain.ts";
import { peFacts, withChecksum } from "./release/pe.ts";

const root = resolve(import.meta.dirname, "..");
const out = join(root, "release");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const linux = join(out, "oathkit-linux-x64");
const windows = join(out, "oathkit-win-x64.exe");
const fuse = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1";

const work = mkdtempSync(join(tmpdir(), "oathkit-release-check-"));
const home = join(work, "home");
mkdirSync(join(work, "samples"), { recursive: true });
mkdirSync(home);
copyFileSync(join(root, "samples/token2.csv"), join(work, "samples/token2.csv"));
chmodSync(join(work, "samples/token2.csv"), 0o600);
/** `env -i`: nothing at all, or only HOME where the emulator keeps its CA (a temporary one here). */
const empty = { cwd: work, env: {} };
const withHome = { cwd: work, env: { HOME: home } };

const checks = new Checks("release");

checks.add("SHA256SUMS lists every executable with its hash", () => {
  const lines = readFileSync(join(out, "SHA256SUMS"), "utf8").trimEnd().split("\n");
  const listed = lines.map((line) => line.split("  ")[1]);
  expectEqual("files", listed, ["oathkit-linux-x64", "oathkit-win-x64.exe"]);
  for (const line of lines) {
    const [hash, name] = line.split("  ") as [string, string];
    const actual = createHash("sha256")
      .update(readFileSync(join(out, name)))
      .digest("hex");
    expectEqual(`sha256 of ${name}`, actual, hash);
  }
});

checks.add("THIRD-PARTY-LICENSES.txt holds Node's licence and the bundled packages'", () => {
  const text = readFileSync(join(out, "THIRD-PARTY-LICENSES.txt"), "utf8");
  for (const title of ["=== Node.js 24.", "=== ink ", "=== react ", "=== @azure/identity "])
    if (!text.includes(title)) throw new Error(`no section starting "${title}"`);
});

checks.add("the Linux executable is an ELF file holding the application", () => {
  const bytes = readFileSync(linux);
  expectEqual("magic", bytes.toString("latin1", 0, 4), "\x7fELF");
  expectEqual("SEA fuse set", bytes.includes(fuse), true);
});

checks.add("env -i oathkit-linux-x64 --version", () => {
  const ran = run(linux, ["--version"], empty);
  expectEqual("--version", ran, { status: 0, stdout: `${pkg.version}\n`, stderr: "" });
});

checks.add("env -i oathkit-linux-x64 completion bash (a lazily loaded command)", () => {
  const ran = run(linux, ["completion", "bash"], empty);
  expectStatus("completion bash", ran);
  if (!ran.stdout.includes("complete -F _oathkit oathkit"))
    throw new Error(`completion bash printed: ${ran.stdout.slice(0, 200)}`);
});

checks.add("env -i oathkit-linux-x64 validate samples/token2.csv", () => {
  const ran = run(linux, ["validate", "samples/token2.csv"], empty);
  expectStatus("validate", ran);
  if (!ran.stdout.includes("8 valid")) throw new Error(`validate said: ${ran.stdout}`);
});

checks.add("env -i oathkit-linux-x64 import samples/token2.csv --emulator --yes", () => {
  const ran = run(linux, ["import", "samples/token2.csv", "--emulator", "--yes"], withHome);
  expectStatus("import --emulator --yes", ran);
  if (!ran.stdout.includes("8 activated")) throw new Error(`import said: ${ran.stdout}`);
});

if (onPath("tmux") === undefined) {
  checks.skip("the terminal UI of the Linux executable", "tmux is not installed");
} else {
  checks.add("the terminal UI of the Linux executable (ink, in tmux)", async () => {
    const session = `oathkit-release-${process.pid}`;
    const q = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
    const command = `env -i TERM=xterm-256color HOME=${q(home)} ${q(linux)} import samples/token2.csv --emulator`;
    execFileSync("tmux", [
      "new-session",
      "-d",
      "-s",
      session,
      "-x",
      "100",
      "-y",
      "40",
      "-c",
      work,
      `${command}; sleep 60`,
    ]);
    const screen = () =>
      execFileSync("tmux", ["capture-pane", "-p", "-t", session], { encoding: "utf8" });
    const waitFor = async (text: string) => {
      for (let i = 0; i < 600 && !screen().includes(text); i += 1)
        await new Promise((r) => setTimeout(r, 100));
      if (!screen().includes(text))
        throw new Error(`the screen never showed "${text}":\n${screen()}`);
    };
    try {
      await waitFor("Go on?");
      execFileSync("tmux", ["send-keys", "-t", session, "y"]);
      await waitFor("Import finished: 8 tokens done.");
    } finally {
      execFileSync("tmux", ["kill-session", "-t", session]);
    }
  });
}

checks.add("the Windows executable is an x64 console PE file holding the application", () => {
  const bytes = readFileSync(windows);
  expectEqual("PE facts", peFacts(bytes), {
    machine: "x64",
    format: "PE32+",
    subsystem: "console",
    signed: false,
  });
  expectEqual("header checksum", withChecksum(bytes).equals(bytes), true);
  expectEqual("SEA fuse set", bytes.includes(fuse), true);
});
checks.skip(
  "running the Windows executable",
  "Debian 12's Wine 8.0 cannot start Node 24 (docs/install.md)",
);

const code = await checks.run();
rmSync(work, { recursive: true, force: true });
process.exitCode = code;
