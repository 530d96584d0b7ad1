import { stripVTControlCharacters } from "node:util";
import type { ProvisionEvent } from "../../src/events/provision-events.js";
import type { Summary } from "../../src/events/run-summary.js";

/** A frame as the user reads it: styling stripped, trailing spaces trimmed. */
export function plain(frame: string | undefined): string {
  return stripVTControlCharacters(frame ?? "")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/gu, "⠋");
}

/** Lets ink flush state changes (it renders on the next tick). */
export const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const summary: Summary = {
  command: "import",
  mode: "activate",
  file: "tokens.csv",
  counts: {
    rows: 5,
    rejectedByValidation: 0,
    rejectedByPreflight: 1,
    alreadyDone: 1,
    created: 3,
    activated: 3,
    assigned: 0,
    available: 0,
    failed: 0,
    notAttempted: 0,
  },
  clock: { source: "local", offsetMs: 120, uncertaintyMs: 40 },
  elapsedMs: 4_200,
  reportPath: "tokens.report.csv",
  failuresPath: "tokens.failures.csv",
  failuresHoldSeeds: true,
  failuresRemoved: null,
  journalPath: "tokens.journal.jsonl",
  problems: [],
  interrupted: false,
  resumable: true,
};

export const token = (
  serialNumber: string,
  step: "created" | "assigned" | "activated",
  upn = `${serialNumber.toLowerCase()}@contoso.example`,
): ProvisionEvent => ({
  type: "token",
  serialNumber,
  upn,
  step,
  deviceId: `dev-${serialNumber}`,
});

/** Pre-flight and plan of a 4-token file: 3 to do, 1 already present, 1 rejected. */
export const planned: ReadonlyArray<readonly [number, ProvisionEvent]> = [
  [0, { type: "phase", phase: "preflight", total: 4 }],
  [
    500,
    {
      type: "preflight",
      command: "import",
      target: {
        tenantId: "8d1e6f0a-4b7c-4c2e-9a51-3f6b2d7e9c10",
        tenantDomain: "contoso.example",
        graphHost: "graph.microsoft.com",
        signedInAs: { kind: "user", id: "adele@contoso.example", name: null },
        emulator: false,
      },
      policyState: "enabled",
      clock: { source: "local", offsetMs: 120, uncertaintyMs: 40 },
      alreadyPresent: 1,
      resumed: 0,
    },
  ],
  [
    500,
    {
      type: "row-rejected",
      line: 5,
      serialNumber: "S4",
      upn: "ghost@contoso.example",
      code: "user-not-found",
      message: "no such user",
    },
  ],
  [500, { type: "phase", phase: "plan", total: 3 }],
  [
    500,
    {
      type: "plan",
      counts: {
        rows: 5,
        rejectedByValidation: 0,
        rejectedByPreflight: 1,
        alreadyDone: 1,
        toDo: 3,
        create: 3,
        assign: 3,
        activate: 3,
      },
      dryRun: false,
    },
  ],
];
