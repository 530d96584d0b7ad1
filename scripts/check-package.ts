// CI's check of the npm package (docs/install.md), run after the build: packs the project as it
// would be published, installs the tarball into an empty prefix with the pinned Node's npm, and
// runs the installed `oathkit` as a user would — on the pinned Node, then on the machine's own
// older Node (which must be refused in one sentence). Also `npx` from the tarball.
// Usage: node scripts/check-package.ts   (after `npm run build`; `npm run check:package` does both)
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Checks, expectEqual, expectStatus, run } from "./lib/checks.ts";
import { machineNode, npmCli, userEnv } from "./lib/toolchain.ts";

const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const work = mkdtempSync(join(tmpdir(), "oathkit-package-"));
const prefix = join(work, "prefix");
const home = join(work, "home");
const tarball = join(work, `oathkit-${pkg.version}.tgz`);
const installed = join(prefix, "lib/node_modules/oathkit");
const bin = join(prefix, "bin/oathkit");
const npm = npmCli();
mkdirSync(home);

/** What the tarball may hold: the bootstrap, the built code, the samples, and npm's own files. */
const allowed =
  /^(package\.json|README\.md|LICENSE(\.md)?|bin\/(oathkit|start)\.cjs|dist\/.+\.js|samples\/[\w.-]+)$/u;
const required = ["bin/oathkit.cjs", "bin/start.cjs", "dist/cli.js", "samples/users.json"];

/** A user's shell: `node` is the given one, no npm script variables, a home of its own. */
function shell(nodeDir: string, extra: Record<string, string> = {}) {
  return { cwd: work, env: { ...userEnv([nodeDir]), HOME: home, ...extra } };
}

const checks = new Checks("package");
const pinned = dirname(process.execPath);

checks.add("npm pack holds what it needs and nothing else", () => {
  const packed = run(
    process.execPath,
    [npm, "pack", "--ignore-scripts", "--json", "--pack-destination", work],
    {
      cwd: root,
      env: userEnv([pinned]),
    },
  );
  expectStatus("npm pack", packed);
  const [info] = JSON.parse(packed.stdout) as [{ files: { path: string }[] }];
  const paths = info.files.map((f) => f.path);
  expectEqual(
    "files outside the allowed set",
    paths.filter((p) => !allowed.test(p)),
    [],
  );
  expectEqual(
    "required files missing",
    required.filter((p) => !paths.includes(p)),
    [],
  );
});

checks.add("npm install -g --prefix <empty> installs it with the pinned Node's npm", () => {
  const args = [
    npm,
    "install",
    "-g",
    "--prefix",
    prefix,
    tarball,
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
  ];
  expectStatus(
    "npm install -g",
    run(process.execPath, args, { cwd: work, env: userEnv([pinned]) }),
  );
  // The pinned `node` is a devDependency for the project's own scripts: a user never gets it.
  expectEqual(
    "node installed with oathkit",
    existsSync(join(installed, "node_modules/node")),
    false,
  );
});

checks.add("oathkit --version", () => {
  const ran = run(bin, ["--version"], shell(pinned));
  expectStatus("oathkit --version", ran);
  expectEqual("oathkit --version", ran.stdout, `${pkg.version}\n`);
});

checks.add("oathkit validate and import --emulator --yes of the samples", () => {
  const samples = join(work, "samples");
  mkdirSync(samples);
  copyFileSync(join(root, "samples/token2.csv"), join(samples, "token2.csv"));
  chmodSync(join(samples, "token2.csv"), 0o600);
  const validated = run(bin, ["validate", "samples/token2.csv"], shell(pinned));
  expectStatus("oathkit validate", validated);
  if (!validated.stdout.includes("8 valid")) throw new Error(`validate said: ${validated.stdout}`);
  const imported = run(bin, ["import", "samples/token2.csv", "--emulator", "--yes"], shell(pinned));
  expectStatus("oathkit import --emulator", imported);
  if (!imported.stdout.includes("8 activated")) throw new Error(`import said: ${imported.stdout}`);
});

checks.add("npx from the tarball", () => {
  const args = [
    npm,
    "exec",
    "--yes",
    "--prefer-offline",
    `--package=${tarball}`,
    "--",
    "oathkit",
    "--version",
  ];
  const ran = run(process.execPath, args, { cwd: work, env: userEnv([pinned]) });
  expectStatus("npx oathkit --version", ran);
  expectEqual("npx oathkit --version", ran.stdout.trim().split("\n").at(-1), pkg.version);
});

/** The floor bin/oathkit.cjs enforces (and engines states): 22.19 on Node 22, 24.5 from 24 on. */
function supported(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 24 || (major === 24 && minor >= 5) || (major === 22 && minor >= 19);
}

const old = machineNode();
if (old !== undefined && !supported(old.version)) {
  checks.add(`the machine's Node v${old.version} is refused in one sentence`, () => {
    const ran = run(bin, ["--version"], shell(dirname(old.path)));
    expectEqual("refusal", ran, {
      status: 2,
      stdout: "",
      stderr:
        `oathkit needs Node.js 22.19+ or 24.5+; this is v${old.version} — install a newer Node ` +
        "or use the standalone executable.\n",
    });
  });
} else {
  const found = old === undefined ? "no node on PATH outside node_modules" : `v${old.version}`;
  checks.skip("the old-Node refusal", `the machine's Node is new enough for oathkit (${found})`);
}

const code = await checks.run();
rmSync(work, { recursive: true, force: true });
process.exitCode = code;
