import type { TokenCredential } from "@azure/identity";
import { chunk } from "../pool.js";
import { GraphFailure } from "./graph-failure.js";
import { sendBatch, type BatchDeps } from "./batch.js";
import { unexpectedResponse, type GraphCalls } from "./graph-calls.js";
import { checkNeeds, needs } from "./needs.js";
import { isRecord, policyPath, policyRootPath, userPath } from "./odata.js";
import type { MethodPolicy, OathDirectory } from "./port.js";
import { signInFailure } from "./connected-to.js";
import { grantedClaims } from "./token-claims.js";

/** checkMemberGroups takes at most 20 group ids a call (E5 in docs/emulator.md). */
const groupIdsPerCall = 20;

type Checks = Pick<OathDirectory, "getMethodPolicy" | "grantedAccess" | "batch" | "memberOfGroups">;

/**
The port's pre-flight reads (docs/graph-adapter.md): the method policy with its targets and the
time it last changed, what the token grants, reads in JSON batches, and group membership.
*/
export function directoryChecks(
  calls: GraphCalls,
  credential: TokenCredential,
  /** The scopes every token of this connection is asked for (graph/command-scopes.ts). */
  scopes: readonly string[],
  deps: Omit<BatchDeps, "run">,
): Checks {
  const { run, items } = calls;
  const batch: Checks["batch"] = (operation, requests) =>
    sendBatch(operation, requests, { ...deps, run });

  return {
    async getMethodPolicy() {
      const operation = "read the hardware OATH method policy";
      const read = (path: string) =>
        run({ operation, needs: needs.policyRead, method: "GET", path });
      const [body, root] = await Promise.all([read(policyPath), read(policyRootPath)]);
      const state = isRecord(body) ? body["state"] : undefined;
      if (typeof state !== "string" || !isRecord(body))
        throw unexpectedResponse(operation, "no state in the body");
      const changed = isRecord(root) ? root["lastModifiedDateTime"] : undefined;
      return {
        state,
        // Absent targets are Graph's default, everyone: never a reason to reject a row.
        includeTargets: targetIds(body["includeTargets"]) ?? ["all_users"],
        excludeTargets: targetIds(body["excludeTargets"]) ?? [],
        lastModifiedDateTime: typeof changed === "string" ? changed : null,
      } satisfies MethodPolicy;
    },

    async grantedAccess() {
      let token: string;
      try {
        const result = await credential.getToken([...scopes]);
        if (result === null) return null;
        token = result.token;
      } catch (error) {
        // Said once, here: a refused sign-in is not tried again by the next call.
        throw signInFailure(error, deps);
      }
      const granted = grantedClaims(token);
      if (granted?.kind !== "delegated") return granted;
      // "https://graph.microsoft.com/Policy.ReadWrite.AuthenticationMethod" → the permission.
      const asked = scopes
        .map((s) => s.slice(s.lastIndexOf("/") + 1))
        .filter((p) => p !== ".default");
      return { ...granted, roleTemplateIds: await ownRoles(granted.roleTemplateIds), asked };
    },

    batch,

    async memberOfGroups(userIds, groupIds) {
      const groupChunks = chunk(groupIds, groupIdsPerCall);
      const asked = userIds.flatMap((id) => groupChunks.map((groups) => ({ id, groups })));
      const outcomes = await batch(
        "check the users' membership of the policy's groups",
        asked.map(({ id, groups }) => ({
          method: "POST" as const,
          path: `${userPath(id)}/checkMemberGroups`,
          body: { groupIds: groups },
          needs: checkNeeds.groupMembership,
        })),
      );
      const members = new Map<string, Set<string>>(userIds.map((id) => [id, new Set<string>()]));
      outcomes.forEach((outcome, i) => {
        const { id, groups } = asked[i]!;
        if (!outcome.ok) throw new GraphFailure(outcome.failure);
        const value = isRecord(outcome.body) ? outcome.body["value"] : undefined;
        if (!Array.isArray(value))
          throw unexpectedResponse("checkMemberGroups", "the answer has no list of groups");
        for (const group of value)
          if (typeof group === "string" && groups.includes(group)) members.get(id)?.add(group);
      });
      return members;
    },
  };

  /**
  The signed-in person's roles: `wids` from the token, with the template ids Graph gives for
  `/me/transitiveMemberOf/microsoft.graph.directoryRole` (roles through groups included). Graph
  hides `roleTemplateId` without RoleManagement.Read.Directory; then `wids` must name at least as
  many roles as the listing has, or the roles are unknown (null: not checked, never a refusal on
  a guess). A refused listing leaves `wids`.
  */
  async function ownRoles(wids: readonly string[] | null): Promise<string[] | null> {
    const found = new Set((wids ?? []).map((id) => id.toLowerCase()));
    let listed = 0;
    let hidden = false;
    try {
      const call = {
        operation: "read the signed-in admin's directory roles",
        needs: checkNeeds.ownRoles,
        method: "GET" as const,
        path: "/me/transitiveMemberOf/microsoft.graph.directoryRole",
      };
      for await (const role of items(call)) {
        listed += 1;
        const id = isRecord(role) ? role["roleTemplateId"] : undefined;
        if (typeof id === "string" && id !== "") found.add(id.toLowerCase());
        else hidden = true;
      }
    } catch (error) {
      if (!(error instanceof GraphFailure) || !["auth", "not-found"].includes(error.kind))
        throw error;
      return wids === null ? null : [...found];
    }
    const known = !hidden || (wids !== null && wids.length >= listed);
    return known ? [...found] : null;
  }
}

/** The group ids (or `all_users`) of a policy's targets; null when the list is absent. */
function targetIds(raw: unknown): string[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.flatMap((t) => (isRecord(t) && typeof t["id"] === "string" ? [t["id"]] : []));
}
