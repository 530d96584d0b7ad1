// The two scripts a standalone executable runs, bundled with esbuild (docs/install.md):
// - the application: dist/ (the same tsc output the tests run) and its dependencies as ONE ES module,
//   so top-level await (dist/cli.js, yoga-layout under ink) and lazy `import()` keep working;
// - the main script: scripts/sea/main.ts as CommonJS, which Node 24 requires of a main script.
// Inside the executable, oathkit's own modules see `import.meta.url` as their place in the
// executable-as-package-folder and read its embedded files (scripts/sea/package-root.ts).
import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { build, type Plugin } from "esbuild";

const seaDir = join(import.meta.dirname, "../sea");

function oathkitModules(root: string): Plugin {
  const dist = join(root, "dist") + sep;
  const isOurs = (path: string) => path.startsWith(dist);
  return {
    name: "oathkit-modules",
    setup(b) {
      // ink imports its optional React devtools only when DEV=true and the package is installed.
      b.onResolve({ filter: /^react-devtools-core$/ }, () => ({
        path: "devtools",
        namespace: "absent",
      }));
      b.onLoad({ filter: /.*/, namespace: "absent" }, () => ({
        contents: "export default undefined;",
      }));
      b.onResolve({ filter: /^(node:)?fs\/promises$/ }, (args) =>
        isOurs(args.importer) ? { path: join(seaDir, "fs-promises.ts") } : undefined,
      );
      b.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!isOurs(args.path)) return undefined;
        const source = await readFile(args.path, "utf8");
        if (/import\.meta\.(?!url\b)/u.test(source))
          throw new Error(`${args.path}: only import.meta.url is mapped inside the executable`);
        if (!source.includes("import.meta.url")) return undefined;
        const place = JSON.stringify(relative(root, args.path).split(sep).join("/"));
        const header = `import { moduleUrl as __oathkitModuleUrl } from ${JSON.stringify(join(seaDir, "package-root.ts"))};\n`;
        return {
          contents: header + source.replaceAll("import.meta.url", `__oathkitModuleUrl(${place})`),
          loader: "js",
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

/** Bundles the application and the main script into `outDir`; returns their paths and the
application's inputs (relative to `root`). */
export async function bundle(root: string, outDir: string) {
  const app = join(outDir, "oathkit.mjs");
  const main = join(outDir, "main.cjs");
  const common = { bundle: true, platform: "node", target: "node24", logLevel: "warning" } as const;
  const built = await build({
    ...common,
    entryPoints: [join(root, "dist/cli.js")],
    absWorkingDir: root,
    outfile: app,
    format: "esm",
    // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
    banner: {
      js: 'import { createRequire as __oathkitCreateRequire } from "node:module";\nconst require = __oathkitCreateRequire(import.meta.url);',
    },
    plugins: [oathkitModules(root)],
    metafile: true,
  });
  await build({ ...common, entryPoints: [join(seaDir, "main.ts")], outfile: main, format: "cjs" });
  const inputs = Object.keys(built.metafile.inputs);
  return { app, main, inputs };
}
