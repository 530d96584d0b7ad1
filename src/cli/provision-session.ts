import type { ProvisionEvent } from "../events/provision-events.js";
import { rejectedCount } from "../events/counts.js";
import type { Summary } from "../events/run-summary.js";
import { interruptibleSleep } from "../job/sleep.js";
import { rateMemoryIn } from "../job/learned-rate.js";
import { namedCacheFolder } from "./user-folders.js";
import { runImportJob, type ImportHooks, type ImportRequest } from "../import/import-job.js";
import type { PreparedInput } from "../import/prepare-input.js";
import type { Scrubber } from "../secrets/scrubber.js";
import type { SeedFileOptions } from "./seed-file-options.js";
import { openTenant, type TenantTarget } from "./tenant-session.js";

/** Everything a run needs, parsed from flags (import/activate) or chosen on screen (guided flow). */
export type SessionSettings = ImportRequest & {
  seedOptions: SeedFileOptions;
  /** The tenant as the user named it, or the in-process emulator. */
  tenant: TenantTarget;
  /** Where sign-in reads its secrets (AZURE_CLIENT_SECRET, …) and defaults. */
  env: NodeJS.ProcessEnv;
};

export type SessionHooks = ImportHooks & {
  emit: (event: ProvisionEvent) => void;
  signal: AbortSignal;
  onDeviceCodePrompt: (message: string) => void;
};

/**
The real deps of an import/activate job — the tenant the settings name (Graph, or the in-process
emulator), the clock, a sleep Ctrl-C cuts short — and the job itself (provision/import-job.ts).
*/
export function runSession(
  prepared: PreparedInput,
  settings: SessionSettings,
  scrubber: Scrubber,
  hooks: SessionHooks,
): Promise<Summary> {
  const io = { env: settings.env, cwd: settings.cwd, onDeviceCodePrompt: hooks.onDeviceCodePrompt };
  const request = { ...settings, newTenantEachRun: settings.tenant.kind === "emulator" };
  return runImportJob(prepared, request, hooks, {
    openTenant: () => openTenant(settings.tenant, io, scrubber),
    now: () => Date.now(),
    sleep: interruptibleSleep(hooks.signal),
    random: Math.random,
    emit: hooks.emit,
    signal: hooks.signal,
    // --emulator starts a new tenant each run: nothing learned about it lasts.
    ...(request.newTenantEachRun ? {} : { rates: rateMemoryIn(namedCacheFolder(settings.env)) }),
  });
}

/**
0 when everything asked for was done; 1 when the run finished with rows rejected, tokens failed
or left for later (skipped at the device check), or a file (the report) it could not write; 130
when stopped. A dry run writes nothing (no journal) and leaves every token not attempted: 0.
*/
export function exitCode(summary: Summary): number {
  if (summary.interrupted) return 130;
  const c = summary.counts;
  const left = summary.journalPath !== null && c.notAttempted > 0;
  return c.failed > 0 || left || rejectedCount(c) > 0 || summary.problems.length > 0 ? 1 : 0;
}
