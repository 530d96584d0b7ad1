// The licence texts of what the executables contain, for release/THIRD-PARTY-LICENSES.txt: Node
// itself (its LICENSE also covers the libraries built into it) and every npm package esbuild put
// into the bundle (found from the bundle's inputs), each with its own licence file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const licenceFile = /^(licen[cs]e|copying|notice)(\.[a-z]+)?$/iu;

/** The package folders (relative to the bundle's working folder) that bundle inputs come from. */
export function bundledPackages(inputs: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const input of inputs) {
    const at = input.lastIndexOf("node_modules/");
    if (at === -1) continue;
    const rest = input.slice(at + "node_modules/".length).split("/");
    const name = rest[0]?.startsWith("@") === true ? rest.slice(0, 2).join("/") : rest[0];
    if (name !== undefined) folders.add(input.slice(0, at) + "node_modules/" + name);
  }
  return [...folders].sort();
}

type Manifest = {
  name: string;
  version: string;
  license?: string;
  author?: string | { name?: string };
  repository?: string | { url?: string };
};

/** What stands in for a licence file a package does not ship: who wrote it and where it lives. */
function noFile(pkg: Manifest): string {
  const author = typeof pkg.author === "string" ? pkg.author : pkg.author?.name;
  const source = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  return [
    "(the package ships no licence file)",
    ...(author === undefined ? [] : [`Copyright: ${author}`]),
    ...(source === undefined ? [] : [`Source: ${source}`]),
  ].join("\n");
}

function section(title: string, folder: string, missing: string): string {
  const files = readdirSync(folder).filter((file) => licenceFile.test(file));
  const texts = files.map((file) => readFileSync(join(folder, file), "utf8").trim());
  return [`=== ${title}`, ...(texts.length > 0 ? texts : [missing])].join("\n\n").concat("\n");
}

/** The notices file: Node first, then each bundled package as "name version (licence)". */
export function licences(root: string, inputs: readonly string[], nodePackage: string): string {
  const node = JSON.parse(readFileSync(join(nodePackage, "package.json"), "utf8")) as {
    version: string;
  };
  const parts = [section(`Node.js ${node.version}`, nodePackage, "(no licence file)")];
  for (const folder of bundledPackages(inputs)) {
    const manifest = join(root, folder, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as Manifest;
    const title = `${pkg.name} ${pkg.version} (${pkg.license ?? "no licence field"})`;
    parts.push(section(title, join(root, folder), noFile(pkg)));
  }
  return [
    "oathkit's standalone executables contain Node.js and the npm packages below; their licences follow.",
    "",
    ...parts,
  ].join("\n");
}
