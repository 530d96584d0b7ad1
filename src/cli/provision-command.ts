import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import type { Emit, ProvisionEvent } from "../events.js";
import { OathkitError, UsageError } from "../errors.js";
import { startInProcessEmulator } from "../emulator/index.js";
import {
  connectionHelp,
  connectionOptions,
  createOathDirectory,
  parseConnection,
  type ConnectionFlags,
} from "../graph/index.js";
import type { RawRecord } from "../import/raw-record.js";
import { fileSha256, sourceLayout } from "../import/source-layout.js";
import { applyUpnMap, readUpnMap } from "../import/upn-map.js";
import { runProvision } from "../provision/run-provision.js";
import type { RejectedRow, Summary } from "../provision/types.js";
import { Scrubber } from "../secrets/scrubber.js";
import { validateSeedFile } from "../validate/validate-file.js";
import { onePath, parseCommandArgs } from "./args.js";
import type { CliIo } from "./io.js";
import { provisionOptionHelp, provisionOptionSpec, toProvisionFlags } from "./provision-options.js";
import { ndjsonSink, plainSink } from "./run-output.js";
import { runPaths } from "./run-paths.js";
import { seedFileOptionHelp, seedFileOptionSpec, toSeedFileOptions } from "./seed-file-options.js";

export const provisionHelp = (
  command: "import" | "activate",
): string => `Usage: oathkit ${command} <file> [options]

${command === "import" ? "Validate, then create, assign and activate the file's tokens in Entra ID (product.md §3)." : "Activate tokens already in the tenant: assign them if needed and send their current code."}
Nothing is written before the plan is shown and confirmed (--yes skips the question).
Run the same command again to resume an interrupted job. Exit 0 when every token is done,
1 when some rows were rejected or tokens failed, 2 when nothing was done.

${provisionOptionHelp}

Tenant options:
${connectionHelp.join("\n")}

${seedFileOptionHelp}
`;

/** `oathkit import` and `oathkit activate`: the shared command body. */
export async function runProvisionCommand(
  command: "import" | "activate",
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(command, args, {
    ...seedFileOptionSpec,
    ...connectionOptions,
    ...provisionOptionSpec,
  });
  if (values.help === true) {
    io.stdout.write(provisionHelp(command));
    return 0;
  }
  if (values["from-device"] === true && command !== "activate")
    throw new UsageError("--from-device belongs to `oathkit activate`.");
  const file = resolve(io.cwd, onePath(command, positionals));
  const flags = toProvisionFlags(values, command);
  const mode = command === "activate" ? "activate" : flags.mode;
  const seedOptions = toSeedFileOptions(values, io, command);
  const scrubber = new Scrubber();
  const emit = sink(values.json === true, io, scrubber);

  const records = new Map<number, RawRecord>();
  const upnMap = values.map === undefined ? null : await readUpnMap(resolve(io.cwd, values.map));
  const fill = upnMap === null ? (r: RawRecord) => r : applyUpnMap(upnMap);
  const validation = await validateSeedFile(
    file,
    { ...seedOptions, requireUpn: mode !== "inventory", collectTokens: true },
    { scrubber },
    (record) => {
      const filled = fill(record);
      records.set(filled.line, filled);
      return filled;
    },
  );
  const tokens = validation.tokens ?? [];
  for (const t of tokens) scrubber.add(...t.seed.textForms());
  emit({
    type: "validated",
    file,
    format: validation.format,
    seedEncoding: validation.seedEncoding,
    rows: validation.rows,
    valid: validation.valid,
    rejected: validation.rejected,
    issues: validation.issues,
  });
  if (tokens.length === 0) {
    io.stderr.write(
      validation.rows === 0
        ? `${file} has no token rows.\n`
        : "No row is valid; nothing was sent to the tenant.\n",
    );
    return validation.rows === 0 ? 2 : 1;
  }

  const inputSha256 = await fileSha256(file);
  const layout = await sourceLayout(file, validation.format);
  const paths = runPaths(io.cwd, file, inputSha256, layout, {
    report: values.report,
    state: values.state,
  });
  const emulator =
    values.emulator === true
      ? await startInProcessEmulator(
          values["emulator-users"] === undefined
            ? {}
            : { usersFile: resolve(io.cwd, values["emulator-users"]) },
        )
      : null;
  const abort = new AbortController();
  const onSigint = (): void => {
    if (abort.signal.aborted) process.exit(130);
    io.stderr.write("\nStopping after the requests in flight… (Ctrl-C again to quit at once)\n");
    abort.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    const env =
      emulator === null
        ? io.env
        : { ...io.env, AZURE_CLIENT_SECRET: emulator.connection.clientSecret };
    const connectionFlags: ConnectionFlags =
      emulator === null
        ? values
        : {
            tenant: emulator.connection.tenantId,
            "client-id": emulator.connection.clientId,
            auth: "client-secret",
            "graph-url": emulator.connection.graphUrl,
            "authority-host": emulator.connection.authorityHost,
          };
    const connection = parseConnection(connectionFlags, env);
    const now = (): number => Date.now();
    const directory = createOathDirectory(connection, {
      scrubber,
      env,
      now,
      onDeviceCodePrompt: (message) => io.stderr.write(`${message}\n`),
    });
    const interactive = io.stdin.isTTY === true && io.stdout.isTTY === true && values.json !== true;
    const summary = await runProvision(
      {
        file,
        inputSha256,
        layout,
        tokens,
        rejectedRows: rejectedRows(validation.issues, records),
        rows: validation.rows,
      },
      {
        command,
        mode,
        concurrency: flags.concurrency,
        chunkSize: flags.chunkSize,
        maxSkewMs: flags.maxSkewMs,
        useServerTime: values["use-server-time"] === true,
        activationsPerMinute: flags.activationsPerMinute,
        dryRun: values["dry-run"] === true,
        confirm: (_plan, rejected) => confirm(values.yes === true, interactive, rejected, io),
      },
      paths,
      {
        directory,
        now,
        sleep: (ms) => sleep(ms, abort.signal),
        random: Math.random,
        emit,
        signal: abort.signal,
      },
    );
    return exitCode(summary);
  } finally {
    process.off("SIGINT", onSigint);
    await emulator?.emulator.stop();
  }
}

function sink(json: boolean, io: CliIo, scrubber: Scrubber): Emit {
  const write: (event: ProvisionEvent) => void = json
    ? ndjsonSink(io.stdout, scrubber)
    : plainSink(io.stdout, scrubber);
  return write;
}

/** Rows validation rejected, with their cells for the failures file (first error per line). */
function rejectedRows(
  issues: ReadonlyArray<{ line: number; severity: string; code: string; message: string }>,
  records: ReadonlyMap<number, RawRecord>,
): RejectedRow[] {
  const rows = new Map<number, RejectedRow>();
  for (const issue of issues) {
    if (issue.severity !== "error" || rows.has(issue.line)) continue;
    const record = records.get(issue.line);
    if (record === undefined) continue;
    rows.set(issue.line, {
      line: issue.line,
      serialNumber: record.values.serialNumber ?? null,
      upn: record.values.upn ?? null,
      code: issue.code,
      message: issue.message,
      cells: record.cells,
    });
  }
  return [...rows.values()].sort((a, b) => a.line - b.line);
}

async function confirm(
  yes: boolean,
  interactive: boolean,
  rejected: number,
  io: CliIo,
): Promise<boolean> {
  if (yes) return true;
  if (!interactive) {
    if (rejected === 0) return true;
    throw new OathkitError(
      `${rejected} row${rejected === 1 ? " is" : "s are"} rejected; nothing was written.`,
      { exitCode: 1, hint: "Fix them, or pass --yes to go on with the valid rows only." },
    );
  }
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    const answer = await rl.question(
      rejected > 0
        ? `${rejected} rows are rejected. Go on with the valid rows only? [y/N] `
        : "Go on? [y/N] ",
    );
    return /^y(es)?$/iu.test(answer.trim());
  } finally {
    rl.close();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const timer = setTimeout(done, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}

export function exitCode(summary: Summary): number {
  if (summary.interrupted) return 130;
  return summary.counts.failed > 0 || summary.counts.rejected > 0 ? 1 : 0;
}
