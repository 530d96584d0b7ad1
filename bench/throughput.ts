// Import throughput under a write limit (issue #12): for 500 tokens (and 2,000 with
// BENCH_LARGE=1; BENCH_TOKENS=2000 for those alone; BENCH_CONCURRENCY, default 8) at 250 ms latency, tokens/s as a fraction of what the limit allows and the share
// of write requests answered 429, at 5, 20 and 50 writes/s and with no limit. Each token costs two
// writes (its share of a bulk create, one assign-and-activate), so a limit of w writes/s allows
// w/2 tokens/s. "writes" is the create-to-activate window; "command" includes start-up, sign-in,
// pre-flight, verify and the report. Every run is the first against its tenant (no learned rate).
import type * as ImportRun from "./import-run.js";

const { oathkitRun } = (await import(
  new URL("./import-run.ts", import.meta.url).href
)) as typeof ImportRun;

export const name = "import throughput under a write limit";

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export async function run(): Promise<void> {
  const counts =
    process.env["BENCH_TOKENS"]?.split(",").map(Number) ??
    (process.env["BENCH_LARGE"] === "1" ? [500, 2_000] : [500]);
  const concurrency = Number(process.env["BENCH_CONCURRENCY"] ?? 8);
  console.log(
    `250 ms latency, --concurrency ${concurrency}${counts.length === 1 ? " (BENCH_LARGE=1 adds 2,000 tokens)" : ""}`,
  );
  console.log(
    "| tokens | limit | tokens/s (writes) | of limit | tokens/s (command) | of limit | writes answered 429 | create + activate s |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const count of counts) {
    for (const writeRate of [5, 20, 50, 0]) {
      const f = await oathkitRun(count, { latencyMs: 250, writeRate }, concurrency);
      const allowed = writeRate / 2;
      const during = count / f.writeSeconds;
      const whole = count / f.seconds;
      const of = (r: number): string => (writeRate === 0 ? "–" : pct(r / allowed));
      console.log(
        `| ${count} | ${writeRate === 0 ? "none" : `${writeRate}/s`} | ${during.toFixed(2)} | ${of(during)} | ${whole.toFixed(2)} | ${of(whole)} | ${f.throttled} of ${f.writeRequests} (${pct(f.throttled / Math.max(1, f.writeRequests))}) | ${f.createSeconds.toFixed(1)} + ${f.activateSeconds.toFixed(1)} |`,
      );
    }
  }
}
