import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/*
The folder order of docs/architecture.md, enforced: src/ folders (and the files at its top) import
each other in one direction only, type-only imports included. Each line is a layer, top first; a
folder may import folders on lower lines only — not its own line's neighbours, not the lines above.
A new folder must be given its place here and in the docs.
*/
const layers: readonly (readonly string[])[] = [
  ["cli"],
  ["ui"],
  ["import", "inventory"],
  ["activate"],
  ["job"],
  ["present"],
  ["events"],
  ["validate"],
  ["seed-file"],
  ["issues"],
  ["graph", "emulator"],
  ["totp", "pool", "secrets", "files"],
  ["errors", "token-fields", "version"],
];

const maxLines = 250;
const src = resolve(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/u.test(name) ? [path] : [];
  });
}

/** The node a file belongs to: its first folder under src/, or its own name at src/'s top. */
function nodeOf(path: string): string {
  const [first, ...rest] = relative(src, path).split("/");
  return rest.length === 0 ? first!.replace(/\.(tsx?|js)$/u, "") : first!;
}

/** Every relative module an import names: static, `export … from`, `import type`, `import()`. */
function importsOf(text: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /\bfrom\s*["'](\.{1,2}\/[^"']+)["']/gu,
    /\bimport\s*["'](\.{1,2}\/[^"']+)["']/gu,
    /\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/gu,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) specs.push(m[1]!);
  return specs;
}

type Edge = { from: string; to: string; file: string; spec: string };

function folderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(src)) {
    for (const spec of importsOf(readFileSync(file, "utf8"))) {
      const from = nodeOf(file);
      const to = nodeOf(resolve(dirname(file), spec));
      if (from !== to) edges.push({ from, to, file: relative(src, file), spec });
    }
  }
  return edges;
}

const layerOf = new Map(layers.flatMap((names, i) => names.map((name) => [name, i] as const)));

/** A cycle in the folder graph, as its edges, or null. */
function findCycle(edges: readonly Edge[]): Edge[] | null {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const state = new Map<string, "open" | "done">();
  const path: Edge[] = [];
  const visit = (node: string): Edge[] | null => {
    state.set(node, "open");
    for (const e of out.get(node) ?? []) {
      if (state.get(e.to) === "open") {
        const start = path.findIndex((p) => p.from === e.to);
        return [...path.slice(start < 0 ? path.length : start), e];
      }
      if (state.get(e.to) === undefined) {
        path.push(e);
        const found = visit(e.to);
        if (found !== null) return found;
        path.pop();
      }
    }
    state.set(node, "done");
    return null;
  };
  for (const node of out.keys()) {
    if (state.get(node) !== undefined) continue;
    const found = visit(node);
    if (found !== null) return found;
  }
  return null;
}

const show = (e: Edge): string => `${e.from} → ${e.to} (src/${e.file} imports ${e.spec})`;

describe("the folder order (docs/architecture.md)", () => {
  const edges = folderEdges();

  it("places every folder and top-level file of src/", () => {
    const nodes = new Set(sourceFiles(src).map(nodeOf));
    const unplaced = [...nodes].filter((n) => !layerOf.has(n));
    expect(unplaced, "give these a line in the order (here and in the docs)").toEqual([]);
  });

  it("has no cycle between folders, type-only imports included", () => {
    const cycle = findCycle(edges);
    expect(cycle?.map(show) ?? [], "a cycle").toEqual([]);
  });

  it("only imports downwards: never a folder above, nor one beside on the same line", () => {
    const wrong = edges.filter((e) => (layerOf.get(e.to) ?? -1) <= (layerOf.get(e.from) ?? -1));
    expect(wrong.map(show)).toEqual([]);
  });

  it("has no source file over 250 lines", () => {
    const long = sourceFiles(src)
      .map((file) => ({
        file: relative(src, file),
        lines: readFileSync(file, "utf8").split("\n").length - 1,
      }))
      .filter((f) => f.lines > maxLines);
    expect(long).toEqual([]);
  });

  it("is the order docs/architecture.md draws", () => {
    const doc = readFileSync(resolve(import.meta.dirname, "../docs/architecture.md"), "utf8");
    const drawn = /```text folder-order\n([\s\S]*?)```/u.exec(doc)?.[1] ?? "";
    const lines = drawn
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) =>
        l
          .split("—")[0]!
          .trim()
          .split(/\s+/u)
          .map((n) => n.replace(/\/$|\.ts$/u, "")),
      );
    expect(lines).toEqual(layers);
  });

  it("finds the imports it checks (the parser is not blind)", () => {
    expect(edges.some((e) => e.from === "cli" && e.to === "import")).toBe(true);
    expect(
      importsOf('import type { A } from "../x.js";\nconst m = await import("./y.js");'),
    ).toEqual(["../x.js", "./y.js"]);
  });
});
