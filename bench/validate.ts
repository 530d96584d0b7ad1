// validate vs a bare papaparse parse of the same 100,000-row file (same process, same run),
// and the peak RSS of the real CLI validating a 1,000,000-row file (product.md §6).
import { spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
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

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function run(): Promise<void> {
  const { validateSeedFile } = (await import(
    new URL("../dist/validate/validate-file.js", import.meta.url).href
  )) as typeof ValidateFile;
  const small = await generate.seedCsv(100_000);
  const bare: number[] = [];
  const validate: number[] = [];
  let rows = 0;
  for (let i = 0; i < 7; i++) {
    bare.push(await time(() => bareParse(small)));
    validate.push(
      await time(async () => {
        rows = (await validateSeedFile(small, options)).valid;
      }),
    );
  }
  const [b, v] = [median(bare), median(validate)];
  console.log(
    `100,000 rows (${rows} valid): bare papaparse ${b.toFixed(0)} ms, validate ${v.toFixed(0)} ms`,
  );
  console.log(`ratio ${(v / b).toFixed(2)}x (target <= 1.5x; medians of 7 alternating runs)`);

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
