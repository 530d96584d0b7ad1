import { z } from "zod";
import { InputFileError } from "../errors.js";

/** The steps a journal records for a token (import/activate, then remove's). */
export const journalSteps = [
  "create-sent",
  "created",
  "assign-sent",
  "assigned",
  "activate-sent",
  "activated",
  "verified",
  "failed",
  "unassign-sent",
  "unassigned",
  "delete-sent",
  "deleted",
] as const;
export type JournalStep = (typeof journalSteps)[number];

/**
Which job a journal belongs to: a command on one version of its input (or one set of serials, for
remove), in one tenant, through one Graph host. A journal is used only by the job it names.
*/
export type JournalKey = {
  command: string;
  inputSha256: string;
  tenantId: string;
  graphHost: string;
};

const optionalText = z.string().optional();
const runLine = z.looseObject({
  kind: z.literal("run"),
  version: z.number().int(),
  command: z.string(),
  inputSha256: z.string(),
  tenantId: optionalText,
  graphHost: optionalText,
  startedAt: z.string(),
});
const tokenLine = z.looseObject({
  kind: z.literal("token"),
  serial: z.string().min(1),
  at: z.string(),
  phase: z.enum(journalSteps),
  deviceId: optionalText,
  userId: optionalText,
  requestId: optionalText,
  code: optionalText,
});
const line = z.discriminatedUnion("kind", [runLine, tokenLine]);

export type JournalRunLine = z.infer<typeof runLine>;
export type JournalTokenLine = z.infer<typeof tokenLine>;
export type JournalLine = JournalRunLine | JournalTokenLine;

/**
A journal's lines, each checked. The last line may be torn (a machine crash in the middle of its
write: it has no line end and is not JSON); it describes a step never confirmed and is dropped.
Any other line that is not a journal record is damage oathkit must not guess about: an error
naming the file and the line, before anything is written.
*/
export function parseJournal(path: string, text: string): JournalLine[] {
  const lines = text.split("\n");
  const out: JournalLine[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === "") return;
    const torn = index === lines.length - 1; // no "\n" after it
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      if (torn) return;
      throw damaged(path, index + 1, "it is not a JSON record");
    }
    const parsed = line.safeParse(value);
    if (!parsed.success) throw damaged(path, index + 1, "it is not a journal record oathkit wrote");
    out.push(parsed.data);
  });
  return out;
}

function damaged(path: string, lineNumber: number, why: string): InputFileError {
  return new InputFileError(`The journal ${path} is damaged at line ${lineNumber}: ${why}.`, {
    hint:
      "Nothing was written. Restore that line from a backup or delete it, or move the journal " +
      "aside to start the job afresh (tokens already in the tenant are then left as they are, " +
      "and `oathkit activate` finishes them).",
  });
}

/** The journal's own job, from its first run line; null when it records none (empty, or too old). */
export function journalKeyOf(lines: readonly JournalLine[]): Partial<JournalKey> | null {
  const first = lines.find((l): l is JournalRunLine => l.kind === "run");
  if (first === undefined) return null;
  return {
    command: first.command,
    inputSha256: first.inputSha256,
    tenantId: first.tenantId,
    graphHost: first.graphHost,
  };
}
