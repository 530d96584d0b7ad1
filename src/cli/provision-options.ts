import { z } from "zod";
import { UsageError } from "../errors.js";
import { helpPointer } from "./args.js";
import { wholeNumberFlag } from "./number-flags.js";
import type { ImportMode } from "../provision/types.js";

/** Options of `import` and `activate` beyond the seed-file and tenant ones (product.md §1). */
export const provisionOptionSpec = {
  mode: { type: "string" },
  map: { type: "string" },
  "dry-run": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  concurrency: { type: "string" },
  "chunk-size": { type: "string" },
  state: { type: "string" },
  report: { type: "string" },
  force: { type: "boolean" },
  json: { type: "boolean" },
  "activation-rate": { type: "string" },
  "use-server-time": { type: "boolean" },
  "max-skew-sec": { type: "string" },
  emulator: { type: "boolean" },
  "emulator-users": { type: "string" },
  "from-device": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const provisionOptionHelp = `Run options:
  --mode activate|assign|inventory   import only: create+assign+activate (default), create+assign,
                                     or create unassigned for self-service
  --map <csv>                        serial→UPN mapping (columns: serial number, upn) for files
                                     without a UPN column
  --dry-run                          pre-flight and plan only; nothing is written
  -y, --yes                          no confirmation; go on with the valid rows if some are rejected
  --concurrency <n>                  requests in flight at once (default 8)
  --chunk-size <n>                   tokens per bulk create (default 50; 1 = single creates)
  --activation-rate <n>              at most n activations per minute (default: no budget)
  --use-server-time                  compute codes from Graph's clock even when this one is off
  --max-skew-sec <s>                 refuse to activate when this clock is further off (default 30)
  --state <path>                     resume journal (default: oathkit-runs/<file>-<hash>/,
                                     one per tenant)
  --report <path>                    this run's report, .csv or .json (default: a new
                                     oathkit-runs/<file>-<hash>/<command>-<UTC time>.csv each run)
  --force                            replace an existing --report file (never the input file)
  --json                             NDJSON events, the last one {"type":"summary",…}
  --emulator                         run against a local emulator started for this command
  --emulator-users <file>            users for --emulator (default: the samples' users file)`;

const positiveInt = (flag: string, max: number) => wholeNumberFlag(flag, { min: 1, max });

const schema = z.object({
  mode: z
    .enum(["activate", "assign", "inventory"], {
      error: "--mode must be activate, assign or inventory",
    })
    .default("activate"),
  concurrency: positiveInt("--concurrency", 64).default(8),
  "chunk-size": positiveInt("--chunk-size", 50).default(50),
  "activation-rate": positiveInt("--activation-rate", 10_000).optional(),
  "max-skew-sec": positiveInt("--max-skew-sec", 86_400).default(30),
});

export type ProvisionFlags = {
  mode: ImportMode;
  concurrency: number;
  chunkSize: number;
  activationsPerMinute: number | undefined;
  maxSkewMs: number;
};

export function toProvisionFlags(values: Record<string, unknown>, command: string): ProvisionFlags {
  const parsed = schema.safeParse({
    mode: values["mode"],
    concurrency: values["concurrency"],
    "chunk-size": values["chunk-size"],
    "activation-rate": values["activation-rate"],
    "max-skew-sec": values["max-skew-sec"],
  });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "an option has a value oathkit cannot use";
    throw new UsageError(`${message}. ${helpPointer(command)}`);
  }
  const o = parsed.data;
  return {
    mode: o.mode,
    concurrency: o.concurrency,
    chunkSize: o["chunk-size"],
    activationsPerMinute: o["activation-rate"],
    maxSkewMs: o["max-skew-sec"] * 1000,
  };
}
