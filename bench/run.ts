// `npm run bench`: runs each benchmark module in turn (after the build). A module exports
// `name` and `run()`, imports oathkit from ../dist, prints its own figures, and returns normally.
// `npm run bench -- ./import.ts` runs one module.
const modules =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        "./startup.ts",
        "./validate.ts",
        "./pskc.ts",
        "./preflight.ts",
        "./throughput.ts",
        "./import.ts",
        "./list.ts",
      ];

for (const path of modules) {
  const mod = (await import(new URL(path, import.meta.url).href)) as {
    name: string;
    run: () => Promise<void>;
  };
  console.log(`\n== ${mod.name}`);
  await mod.run();
}
