// Start-up (issue #12): `oathkit --help` and `oathkit validate one-row.csv --json` as ratios of a
// bare `node -e 0` (medians of interleaved runs, so a busy machine slows all three alike), and the
// peak RSS of each. Targets: --help ≤ 4×, validate ≤ 6× and ≤ 80 MB.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const name = "start-up";

// BENCH_DIST: another build's dist/ (its node_modules beside it), for before/after figures.
const cli = join(
  process.env["BENCH_DIST"] ?? fileURLToPath(new URL("../dist/", import.meta.url)),
  "cli.js",
);
// Preloaded in separate runs (so the timed runs stay bare): prints the peak RSS (KiB) at exit.
const peakRss = `data:text/javascript,${encodeURIComponent(
  `process.on("exit", () => process.stderr.write("MAXRSS " + process.resourceUsage().maxRSS + "\\n"));`,
)}`;

function timeOnce(args: string[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited ${child.status}`);
  return performance.now() - start;
}

function peakMb(args: string[]): number {
  const child = spawnSync(process.execPath, ["--import", peakRss, ...args], { encoding: "utf8" });
  const kib = Number(/MAXRSS (\d+)/u.exec(child.stderr)?.[1] ?? Number.NaN);
  return kib / 1024;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

export function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oathkit-bench-startup-"));
  try {
    const csv = join(dir, "one-row.csv");
    writeFileSync(
      csv,
      "upn,serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,hashFunction\n" +
        "alice@contoso.example,S000001,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,Token2,C202,hmacsha1\n",
      { mode: 0o600 },
    );
    const cases: Array<{ label: string; args: string[]; ratio?: number; mb?: number }> = [
      { label: "node -e 0", args: ["-e", "0"] },
      { label: "oathkit --help", args: [cli, "--help"], ratio: 4 },
      {
        label: "oathkit validate one-row.csv --json",
        args: [cli, "validate", csv, "--json"],
        ratio: 6,
        mb: 80,
      },
    ];
    const runs = Number(process.env["BENCH_STARTUP_RUNS"] ?? 21);
    const times = cases.map(() => [] as number[]);
    for (const c of cases) timeOnce(c.args); // warm the file cache
    for (let i = 0; i < runs; i += 1) cases.forEach((c, k) => times[k]!.push(timeOnce(c.args)));
    const base = median(times[0]!);
    cases.forEach((c, k) => {
      const ms = median(times[k]!);
      const mb = median([0, 1, 2].map(() => peakMb(c.args)));
      const target =
        c.ratio === undefined
          ? ""
          : ` (target ≤ ${c.ratio}×${c.mb === undefined ? "" : `, ≤ ${c.mb} MB`})`;
      console.log(
        `${c.label}: ${ms.toFixed(0)} ms = ${(ms / base).toFixed(1)}× node -e 0, peak RSS ${mb.toFixed(0)} MB${target}`,
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Promise.resolve();
}
