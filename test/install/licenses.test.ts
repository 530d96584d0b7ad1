import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledPackages, licences } from "../../scripts/release/licenses.ts";
import { tempDir } from "../helpers/temp-dir.js";

const root = resolve(import.meta.dirname, "../..");

describe("the executables' THIRD-PARTY-LICENSES.txt (scripts/release/licenses.ts)", () => {
  it("finds each bundled package once, scoped and nested ones included, and not oathkit's own files", () => {
    const inputs = [
      "dist/cli.js",
      "node_modules/ink/build/ink.js",
      "node_modules/ink/build/dom.js",
      "node_modules/@azure/identity/dist/esm/index.js",
      "node_modules/wrap-ansi/node_modules/ansi-styles/index.js",
      "scripts/sea/package-root.ts",
    ];
    expect(bundledPackages(inputs)).toEqual([
      "node_modules/@azure/identity",
      "node_modules/ink",
      "node_modules/wrap-ansi/node_modules/ansi-styles",
    ]);
  });

  it("holds Node's licence, then each package's name, version, licence and licence text", () => {
    const node = join(tempDir(), "package");
    mkdirSync(node);
    writeFileSync(join(node, "package.json"), JSON.stringify({ version: "24.21.0" }));
    writeFileSync(join(node, "LICENSE"), "Node.js is licensed for use as follows: ...");
    const text = licences(root, ["node_modules/ink/build/ink.js"], node);
    const ink = JSON.parse(readFileSync(join(root, "node_modules/ink/package.json"), "utf8")) as {
      version: string;
    };
    const inkLicence = readFileSync(join(root, "node_modules/ink/license"), "utf8").trim();
    expect(text).toContain("=== Node.js 24.21.0\n\nNode.js is licensed for use as follows: ...");
    expect(text).toContain(`=== ink ${ink.version} (MIT)\n\n${inkLicence}`);
  });

  it("names the author and source of a package that ships no licence file", () => {
    const dir = tempDir();
    const pkg = join(dir, "node_modules/bare");
    mkdirSync(pkg, { recursive: true });
    const manifest = {
      name: "bare",
      version: "1.0.0",
      license: "ISC",
      author: "A. Author <a@example.com>",
      repository: { url: "https://example.com/bare.git" },
    };
    writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest));
    const node = join(dir, "node");
    mkdirSync(node);
    writeFileSync(join(node, "package.json"), JSON.stringify({ version: "24.21.0" }));
    const text = licences(dir, ["node_modules/bare/index.js"], node);
    expect(text).toContain(
      "=== bare 1.0.0 (ISC)\n\n(the package ships no licence file)\nCopyright: A. Author <a@example.com>\nSource: https://example.com/bare.git",
    );
  });
});
