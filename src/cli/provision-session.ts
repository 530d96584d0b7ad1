import { resolve } from "node:path";
import type { Emit } from "../events.js";
import type { ConnectionFlags, OathDirectory } from "../graph/index.js";
import type { RawRecord } from "../import/raw-record.js";
import { fileSha256, sourceLayout } from "../import/source-layout.js";
import { applyUpnMap, readUpnMap } from "../import/upn-map.js";
import type { CodeSource } from "../provision/activate-device.js";
import type { RunContext } from "../provision/run-context.js";
import { runProvision, type ProvisionInput } from "../provision/run-provision.js";
import type { ImportMode, RejectedRow, Summary } from "../provision/types.js";
import { rejectedCount } from "../provision/run-counts.js";
import type { Scrubber } from "../secrets/scrubber.js";
import { shownOrNull } from "../secrets/secret-like.js";
import type { Issue } from "../validate/issue.js";
import { validateSeedFile, type ValidationResult } from "../validate/validate-file.js";
import type { ProvisionFlags } from "./provision-options.js";
import { interruptibleSleep } from "./interrupt.js";
import { failuresPath, jobFolder, journalPath, refuseJobFile, reportPath } from "./run-paths.js";
import { utc } from "../files/report-header.js";
import { otherJournals, otherJournalsWarning } from "../provision/other-journals.js";
import { oathkitVersion } from "../version.js";
import { fatalGraphError, openTenant, signIn, type TenantFlags } from "./tenant-session.js";
import type { SeedFileOptions } from "./seed-file-options.js";

/** Everything a run needs, parsed from flags (import/activate) or chosen on screen (guided flow). */
export type SessionSettings = {
  command: "import" | "activate";
  mode: ImportMode;
  cwd: string;
  seedOptions: SeedFileOptions;
  mapPath: string | undefined;
  flags: ProvisionFlags;
  dryRun: boolean;
  useServerTime: boolean;
  reportPath: string | undefined;
  statePath: string | undefined;
  /** `--force`: an existing `--report` file may be replaced (never an input file). */
  force: boolean;
  /** For the report: as typed, secrets replaced (command-line.ts). */
  commandLine: string;
  /** The tenant: flags and environment as the user gave them, or the in-process emulator. */
  tenant:
    | { kind: "flags"; flags: ConnectionFlags; env: NodeJS.ProcessEnv }
    | { kind: "emulator"; usersFile: string | undefined };
};

export type SessionHooks = {
  emit: Emit;
  /** Asked once before the first write: `toWrite` tokens have work, `rejected` rows are left out. */
  confirm: (rejected: number, toWrite: number) => Promise<boolean>;
  signal: AbortSignal;
  onDeviceCodePrompt: (message: string) => void;
  codeSource?: ((ctx: RunContext, directory: OathDirectory) => CodeSource) | undefined;
};

export type PreparedFile = { validation: ValidationResult; input: ProvisionInput };

/** Reads and validates the file (filling UPNs from `--map`) and registers every seed with the scrubber. */
export async function prepareFile(
  file: string,
  settings: SessionSettings,
  scrubber: Scrubber,
): Promise<PreparedFile> {
  const records = new Map<number, RawRecord>();
  const map =
    settings.mapPath === undefined
      ? null
      : await readUpnMap(resolve(settings.cwd, settings.mapPath));
  const fill = map === null ? (r: RawRecord) => r : applyUpnMap(map);
  const validation = await validateSeedFile(
    file,
    { ...settings.seedOptions, requireUpn: settings.mode !== "inventory", collectTokens: true },
    { scrubber },
    (record) => {
      const filled = fill(record);
      records.set(filled.line, filled);
      return filled;
    },
  );
  const tokens = validation.tokens ?? [];
  for (const t of tokens) scrubber.add(...t.seed.textForms());
  const input: ProvisionInput = {
    file,
    inputSha256: await fileSha256(file),
    layout: await sourceLayout(file, validation.format),
    tokens,
    rejectedRows: rejectedRows(validation.issues, records),
    rows: validation.rows,
  };
  return { validation, input };
}

/**
Checks where the report goes (before signing in: a refusal writes nothing), signs in (or starts
the emulator), finds the job's journal for that tenant, runs the job, and stops the emulator.
*/
export async function runSession(
  prepared: PreparedFile,
  settings: SessionSettings,
  scrubber: Scrubber,
  hooks: SessionHooks,
): Promise<Summary> {
  const { input } = prepared;
  const started = Date.now();
  const folder = jobFolder(settings.cwd, input.file, input.inputSha256);
  const inputs = [
    input.file,
    ...(settings.mapPath === undefined ? [] : [resolve(settings.cwd, settings.mapPath)]),
  ];
  const report = reportPath(
    folder,
    settings.command,
    settings.cwd,
    { report: settings.reportPath, state: settings.statePath, force: settings.force },
    inputs,
    started,
  );
  const flags: TenantFlags =
    settings.tenant.kind === "emulator"
      ? { emulator: true, "emulator-users": settings.tenant.usersFile }
      : settings.tenant.flags;
  const env = settings.tenant.kind === "flags" ? settings.tenant.env : process.env;
  const tenant = await openTenant(
    flags,
    { env, cwd: settings.cwd, onDeviceCodePrompt: hooks.onDeviceCodePrompt },
    scrubber,
  );
  try {
    const { directory } = tenant;
    const connected = await signIn(tenant);
    const journal = journalPath(
      folder,
      settings.command,
      settings.cwd,
      connected,
      settings.statePath,
    );
    const failures = failuresPath(journal, input.layout);
    refuseJobFile(report, [journal, failures]);
    const key = {
      command: settings.command,
      inputSha256: input.inputSha256,
      tenantId: connected.tenantId,
      graphHost: connected.graphHost,
    };
    if (settings.statePath === undefined) {
      const others = otherJournals(folder, journal, key);
      // --emulator is a new tenant every run: earlier runs' journals are never resumed, so they
      // are no news, unless a failures file beside one may hold seeds.
      const worth =
        settings.tenant.kind === "emulator" ? others.filter((o) => o.failures !== null) : others;
      const warning = otherJournalsWarning(worth, key);
      if (warning !== null)
        hooks.emit({ type: "warning", code: "journal-other-tenant", message: warning });
    }
    const codeSource = hooks.codeSource;
    return await runProvision(
      input,
      {
        command: settings.command,
        mode: settings.mode,
        concurrency: settings.flags.concurrency,
        chunkSize: settings.flags.chunkSize,
        maxSkewMs: settings.flags.maxSkewMs,
        useServerTime: settings.useServerTime,
        activationsPerMinute: settings.flags.activationsPerMinute,
        dryRun: settings.dryRun,
        confirm: (plan, rejected) => hooks.confirm(rejected, plan.work.length),
        codeSource: codeSource === undefined ? undefined : (ctx) => codeSource(ctx, directory),
        audit: {
          oathkitVersion,
          commandLine: settings.commandLine,
          tenantId: connected.tenantId,
          graphHost: connected.graphHost,
          signedInAs: connected.signedInAs,
          input: input.file,
          inputSha256: input.inputSha256,
          journal,
          startedAt: utc(started),
        },
      },
      {
        report,
        replaceReport: settings.force,
        journal,
        failures,
      },
      {
        directory,
        now: () => Date.now(),
        sleep: interruptibleSleep(hooks.signal),
        random: Math.random,
        emit: hooks.emit,
        signal: hooks.signal,
      },
    ).catch(async (error: unknown) => {
      // A read the run could not do without (sign-in, pre-flight): say which step and host.
      throw await fatalGraphError(error, tenant);
    });
  } finally {
    await tenant.close();
  }
}

/** Rows validation rejected, with their cells for the failures file (first error per line). */
function rejectedRows(
  issues: readonly Issue[],
  records: ReadonlyMap<number, RawRecord>,
): RejectedRow[] {
  const rows = new Map<number, RejectedRow>();
  for (const issue of issues) {
    if (issue.severity !== "error" || rows.has(issue.line)) continue;
    const record = records.get(issue.line);
    if (record === undefined) continue;
    // A rejected row's cells may be anything, a seed in the wrong column included: the report
    // and the screen get a safe form of the serial and UPN.
    rows.set(issue.line, {
      line: issue.line,
      serialNumber: shownOrNull(record.values.serialNumber ?? null),
      upn: shownOrNull(record.values.upn ?? null),
      code: issue.code,
      message: issue.message,
      cells: record.cells,
    });
  }
  return [...rows.values()].sort((a, b) => a.line - b.line);
}

/**
0 when everything asked for was done; 1 when the run finished with rows rejected, tokens failed,
or a file (the report) it could not write; 130 when stopped.
*/
export function exitCode(summary: Summary): number {
  if (summary.interrupted) return 130;
  const c = summary.counts;
  return c.failed > 0 || rejectedCount(c) > 0 || summary.problems.length > 0 ? 1 : 0;
}

/** The files a run could not write, on stderr after its summary: they change the exit code. */
export function reportProblems(summary: Summary, stderr: { write(text: string): unknown }): void {
  for (const problem of summary.problems) stderr.write(`${problem}\n`);
}
