import type { RunTarget } from "../events/run-target.js";
import { printable } from "./printable.js";

/** The tenant as the pre-flight names it: its id and domain, or the local emulator. */
export function tenantText(t: RunTarget): string {
  if (t.emulator) return `local emulator (tenant ${t.tenantId})`;
  return t.tenantDomain === null ? t.tenantId : `${t.tenantId} (${printable(t.tenantDomain)})`;
}

/** Who is signed in: a person's UPN, or the app (its name when known, and its client id). */
export function signedInText(t: RunTarget): string {
  const who = t.signedInAs;
  if (who === null) return "(the access token does not say)";
  if (who.kind === "user") return printable(who.id);
  return who.name === null ? `app ${who.id}` : `app ${printable(who.name)} (${who.id})`;
}

/** The pre-flight's first lines, on screen: one fact a line, so none wraps away. */
export function targetLines(t: RunTarget): string[] {
  return [`Tenant: ${tenantText(t)}`, `Graph: ${t.graphHost}`, `Signed in as: ${signedInText(t)}`];
}

/** The same in one sentence, for plain output and the question of a command without a screen. */
export function targetSentence(t: RunTarget): string {
  const where = t.emulator ? `the ${tenantText(t)}` : `tenant ${tenantText(t)}`;
  return `${where} at ${t.graphHost}, signed in as ${signedInText(t)}`;
}
