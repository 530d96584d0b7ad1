import { choice, flag, text, whole, type Section } from "./declare.js";

/** The run options of `import` and `activate` (the seed-file and tenant ones are their own). */
export const runSection = {
  title: "Run options",
  options: {
    mode: choice(["activate", "assign", "inventory"], {
      default: "activate",
      message: "--mode must be activate, assign or inventory",
      help: [
        "import only: create+assign+activate (default), create+assign,",
        "or create unassigned for self-service",
      ],
    }),
    map: text({
      value: "<csv>",
      complete: "file",
      help: ["serial→UPN mapping (columns: serial number, upn) for files", "without a UPN column"],
    }),
    "dry-run": flag({ help: "pre-flight and plan only; nothing is written" }),
    yes: flag({
      short: "y",
      help: "no confirmation; go on with the valid rows if some are rejected",
    }),
    concurrency: whole({
      min: 1,
      max: 64,
      default: 8,
      help: "requests in flight at once (default 8)",
    }),
    "chunk-size": whole({
      min: 1,
      max: 50,
      default: 50,
      help: "tokens per bulk create (default 50; 1 = single creates)",
    }),
    "activation-rate": whole({
      min: 1,
      max: 10_000,
      help: "at most n activations per minute (default: no budget)",
    }),
    "use-server-time": flag({
      help: "compute codes from Graph's clock even when this one is off",
    }),
    "max-skew-sec": whole({
      min: 1,
      max: 86_400,
      default: 30,
      value: "<s>",
      help: "refuse to activate when this clock is further off (default 30)",
    }),
    state: text({
      value: "<path>",
      complete: "file",
      help: ["resume journal (default: oathkit-runs/<file>-<hash>/,", "one per tenant)"],
    }),
    report: text({
      value: "<path>",
      complete: "file",
      help: [
        "this run's report, .csv or .json (default: a new",
        "oathkit-runs/<file>-<hash>/<command>-<UTC time>.csv each run)",
      ],
    }),
    force: flag({ help: "replace an existing --report file (never the input file)" }),
    json: flag({ help: 'NDJSON events, the last one {"type":"summary",…}' }),
  },
} as const satisfies Section;

/** `activate` only: the device check. */
export const fromDeviceSection = {
  title: "Device check",
  options: {
    "from-device": flag({
      help: [
        "type the code shown on each physical token instead; it is",
        "checked against the seed and the device's drift is reported",
      ],
    }),
  },
} as const satisfies Section;
