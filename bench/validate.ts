// validate vs a bare papaparse parse of the same 100,000-row file (same process, same run),
// and the peak RSS of the real CLI validating a 1,000,000-row file (product.md §6).
import { spawnSync } from "node:child_process";
import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";

import type * as ValidateFile from "../src/validate/validate-file.js";
import type * as Generate from "./generate.js";

// Node 24 runs the .ts sibling directly; the cast gives tsc its types.
const generate = (await import(new URL("./generate.ts", import.meta.url).href)) as typeof Generate;

export const name = "validate";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const options = {
  format: "auto",
  seedEncoding: "auto",
  allowWeakSeeds: false,
  allowInsecurePermissions: false,
} as const;

function bareParse(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(createReadStream(path, "utf8"), {
      chunk(results) {
        rows += results.data.length;
      },
      complete: () => resolve(rows),
      error: reject,
    });
  });
}

/** Whole-file form: read the text, parse it in one call, keep every row (no streaming). */
function wholeFileParse(path: string): number {
  return Papa.parse<string[]>(readFileSync(path, "utf8")).data.length;
}

type Sample = { wall: number; cpu: number };

/** Wall time, and CPU time of this process (steadier when other work shares the cores). */
async function time(fn: () => unknown): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

function median(samples: Sample[], key: keyof Sample): number {
  const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function run(): Promise<void> {
  const { validateSeedFile } = (await import(
    new URL("../dist/validate/validate-file.js", import.meta.url).href
  )) as typeof ValidateFile;
  const small = await generate.seedCsv(100_000);
  const bare: Sample[] = [];
  const whole: Sample[] = [];
  const validate: Sample[] = [];
  let rows = 0;
  // The two compared runs alternate; the whole-file parse runs after them. It keeps every row
  // until it returns, so old space fills and the collection that frees it (concurrent marking and
  // sweeping) lands in whatever runs next: interleaved, it added about 30% to the next run's CPU.
  for (let i = 0; i < 9; i++) {
    bare.push(await time(() => bareParse(small)));
    validate.push(
      await time(async () => {
        rows = (await validateSeedFile(small, options)).valid;
      }),
    );
  }
  for (let i = 0; i < 9; i++) whole.push(await time(() => wholeFileParse(small)));
  console.log(`100,000 rows, ${rows} valid; medians of 9 runs (wall / CPU ms):`);
  for (const [label, samples] of [
    ["bare papaparse, streamed (the baseline)", bare],
    ["bare papaparse, whole file in one call", whole],
    ["oathkit validate (streamed)", validate],
  ] as const)
    console.log(
      `  ${label.padEnd(42)} ${median(samples, "wall").toFixed(0).padStart(5)} / ${median(samples, "cpu").toFixed(0)}`,
    );
  const ratio = (key: keyof Sample) => (median(validate, key) / median(bare, key)).toFixed(2);
  console.log(
    `  ratio validate / streamed parse: ${ratio("wall")}x wall, ${ratio("cpu")}x CPU (target <= 1.5x)`,
  );

  const big = await generate.seedCsv(1_000_000);
  const probe =
    "data:text/javascript,process.on('exit',()=>process.stderr.write('maxRSS='+process.resourceUsage().maxRSS+'\\n'))";
  const child = spawnSync(process.execPath, ["--import", probe, cli, "validate", big, "--json"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const kb = Number(/maxRSS=(\d+)/u.exec(child.stderr)?.[1] ?? Number.NaN);
  console.log(
    `1,000,000 rows: oathkit validate exit ${child.status}, peak RSS ${(kb / 1024).toFixed(0)} MB (target < 256 MB)`,
  );
}
