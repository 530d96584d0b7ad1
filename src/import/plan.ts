import type { ActivationTarget } from "../activate/codes.js";
import type { Device, DirectoryUser } from "../graph/port.js";
import type { JournalEntry } from "../job/journal.js";
import type { Preflight } from "./preflight.js";
import type { ImportMode } from "../events/run-summary.js";
import type { PlanCounts } from "../events/counts.js";
import type { Token } from "../validate/token-schema.js";

/** Entra's limit: five OATH methods (hardware or software) per user. */
export const oathMethodCap = 5;

/** A token the run works on: what activation needs (activate/codes.ts), the device, and create. */
export type PlannedToken = ActivationTarget & {
  /** The device in the tenant, when it exists already (ours from an earlier run, or `activate`). */
  device: Device | null;
  create: boolean;
};

export type Skipped = {
  token: Token;
  device: Device | null;
  user: DirectoryUser | null;
  reason: string;
};
export type Rejected = { token: Token; code: string; message: string };

export type Plan = {
  work: PlannedToken[];
  done: PlannedToken[];
  skipped: Skipped[];
  rejected: Rejected[];
};

/**
Decides, per token, what remains to be done (docs/provisioning.md). Pure: the tenant's state from
pre-flight and the journal's memory of this job in, a plan out. A serial already in the tenant
that this job did not create is left alone (`skipped`) by `import`; a token this job created
carries on from the status the tenant reports, so a rerun after a crash finishes the job.
*/
export function makePlan(
  tokens: readonly Token[],
  preflight: Preflight,
  journal: (serial: string) => JournalEntry | undefined,
  command: "import" | "activate",
  mode: ImportMode,
): Plan {
  const plan: Plan = { work: [], done: [], skipped: [], rejected: [] };
  const needUser = command === "activate" || mode !== "inventory";
  const newPerUser = new Map<string, number>();

  for (const token of tokens) {
    const device = preflight.devices.get(token.serialNumber) ?? null;
    let user: DirectoryUser | null = null;
    if (needUser) {
      const found = userFor(token, preflight);
      if ("code" in found) {
        plan.rejected.push({ token, ...found });
        continue;
      }
      user = found.user;
    }
    const ours = journal(token.serialNumber)?.createdHere === true;

    if (device !== null && !ours && command === "import") {
      plan.skipped.push({
        token,
        device,
        user,
        reason: "already in the tenant before this job; left as it is",
      });
      continue;
    }
    if (device === null && command === "activate") {
      plan.rejected.push({
        token,
        code: "serial-not-in-tenant",
        message: `serial ${token.serialNumber} is not in the tenant's inventory; import it first`,
      });
      continue;
    }
    if (device?.assignedTo != null && user !== null && device.assignedTo.id !== user.id) {
      plan.rejected.push({
        token,
        code: "held-by-another-user",
        message: `serial ${token.serialNumber} is assigned to another user (${device.assignedTo.displayName ?? device.assignedTo.id})`,
      });
      continue;
    }

    const wantAssigned = command === "activate" || mode !== "inventory";
    const wantActive = command === "activate" || mode === "activate";
    const heldByUser =
      device?.assignedTo != null && user !== null && device.assignedTo.id === user.id;
    const active = device?.status === "activated" && heldByUser;
    const planned: PlannedToken = {
      token,
      user,
      device,
      create: device === null,
      assign: wantAssigned && !heldByUser,
      activate: wantActive && !active,
    };

    if (user !== null && planned.assign) {
      const key = user.id;
      const facts = preflight.users.get(token.upn?.toLowerCase() ?? "");
      const count = (newPerUser.get(key) ?? 0) + 1;
      if ((facts?.existingMethods ?? 0) + count > oathMethodCap) {
        plan.rejected.push({
          token,
          code: "user-method-cap",
          message: `${user.userPrincipalName} would have more than ${oathMethodCap} OATH methods (has ${facts?.existingMethods ?? 0})`,
        });
        continue;
      }
      newPerUser.set(key, count);
    }

    if (!planned.create && !planned.assign && !planned.activate) {
      if (command === "activate" && !ours)
        plan.skipped.push({ token, device, user, reason: "already activated for this user" });
      else plan.done.push(planned);
    } else {
      plan.work.push(planned);
    }
  }
  return plan;
}

function userFor(
  token: Token,
  preflight: Preflight,
): { user: DirectoryUser } | { code: string; message: string } {
  if (token.upn === null || token.upn === "") {
    return {
      code: "upn-missing",
      message: "no UPN for this token: add a upn column or pass --map",
    };
  }
  const user = preflight.users.get(token.upn.toLowerCase())?.user ?? null;
  if (user === null)
    return { code: "user-not-found", message: `user ${token.upn} does not exist in the tenant` };
  if (!user.accountEnabled)
    return { code: "user-disabled", message: `user ${token.upn} is disabled` };
  if (user.userType.toLowerCase() === "guest") {
    return {
      code: "user-guest",
      message: `user ${token.upn} is a guest; Entra does not allow hardware OATH tokens for guests`,
    };
  }
  return { user };
}

/** The plan's counts (run-counts.ts): `rows` and validation's rejections come from the file. */
export function planCounts(
  plan: Plan,
  file: { rows: number; rejectedByValidation: number },
): PlanCounts {
  return {
    rows: file.rows,
    rejectedByValidation: file.rejectedByValidation,
    rejectedByPreflight: plan.rejected.length,
    alreadyDone: plan.skipped.length + plan.done.length,
    toDo: plan.work.length,
    create: plan.work.filter((p) => p.create).length,
    assign: plan.work.filter((p) => p.assign).length,
    activate: plan.work.filter((p) => p.activate).length,
  };
}
