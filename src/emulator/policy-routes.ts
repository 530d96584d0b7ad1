import { isObject } from "./device-input.js";
import { policyRead, policyWrite } from "./graph-permissions.js";
import { badRequest } from "./http-error.js";
import type { ExcludeTarget, IncludeTarget, PolicyState } from "./policy-state.js";
import type { GraphContext, Route } from "./route-table.js";

/**
The hardware OATH method configuration (graph-api.md §2.13, S15) and the authentication methods
policy around it (E8). PATCH takes `state`, `includeTargets` and `excludeTargets` (whole lists,
as Graph replaces them) and moves the policy's `lastModifiedDateTime`.
*/
const path = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/hardwareOath";
const type = "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration";
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

function configuration(policy: PolicyState): Record<string, unknown> {
  return {
    "@odata.type": type,
    id: "HardwareOath",
    state: policy.state,
    excludeTargets: policy.excludeTargets.map((t) => ({ ...t })),
    includeTargets: policy.includeTargets.map((t) => ({ ...t })),
  };
}

function groupId(value: unknown, where: string, allowAll: boolean): string {
  if (typeof value === "string" && (guid.test(value) || (allowAll && value === "all_users"))) {
    return value;
  }
  throw badRequest(`${where}.id must be a group id${allowAll ? " or 'all_users'" : ""}.`);
}

function targetType(item: Record<string, unknown>, where: string): void {
  if (item["targetType"] !== undefined && item["targetType"] !== "group") {
    throw badRequest(`${where}.targetType must be 'group'.`);
  }
}

function includeTargets(value: unknown, ctx: GraphContext): IncludeTarget[] {
  if (!Array.isArray(value)) throw badRequest("'includeTargets' must be an array.");
  return value.map((item: unknown, i) => {
    const where = `includeTargets[${i}]`;
    if (!isObject(item)) throw badRequest(`${where} must be an object.`);
    targetType(item, where);
    const id = groupId(item["id"], where, true);
    if (id !== "all_users" && ctx.tenant.users.group(id) === undefined) {
      throw badRequest(`${where}.id names no group of this tenant.`);
    }
    const required = item["isRegistrationRequired"] ?? false;
    if (typeof required !== "boolean")
      throw badRequest(`${where}.isRegistrationRequired must be true or false.`);
    return { targetType: "group", id, isRegistrationRequired: required };
  });
}

function excludeTargets(value: unknown, ctx: GraphContext): ExcludeTarget[] {
  if (!Array.isArray(value)) throw badRequest("'excludeTargets' must be an array.");
  return value.map((item: unknown, i) => {
    const where = `excludeTargets[${i}]`;
    if (!isObject(item)) throw badRequest(`${where} must be an object.`);
    targetType(item, where);
    const id = groupId(item["id"], where, false);
    if (ctx.tenant.users.group(id) === undefined)
      throw badRequest(`${where}.id names no group of this tenant.`);
    return { targetType: "group", id };
  });
}

const allowedKeys = new Set(["@odata.type", "state", "includeTargets", "excludeTargets"]);

export const policyRoutes: Route[] = [
  {
    method: "GET",
    pattern: path,
    cost: () => 0,
    permission: policyRead,
    handle(_request, _params, ctx) {
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
          ...configuration(ctx.policy),
        },
      };
    },
  },
  {
    method: "GET",
    pattern: "policies/authenticationMethodsPolicy",
    cost: () => 0,
    permission: policyRead,
    handle(_request, _params, ctx) {
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#policies/authenticationMethodsPolicy/$entity`,
          id: "authenticationMethodsPolicy",
          displayName: "Authentication Methods Policy",
          description:
            "The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings",
          lastModifiedDateTime: ctx.policy.lastModifiedDateTime,
          policyVersion: "1.5",
          policyMigrationState: "migrationComplete",
          authenticationMethodConfigurations: [configuration(ctx.policy)],
        },
      };
    },
  },
  {
    method: "PATCH",
    pattern: path,
    cost: () => 1,
    permission: policyWrite,
    handle(request, _params, ctx) {
      const body = request.body;
      if (!isObject(body) || body["@odata.type"] !== type) {
        throw badRequest(`The body must carry "@odata.type": "${type}".`);
      }
      const unknown = Object.keys(body).find((k) => !allowedKeys.has(k));
      if (unknown !== undefined) throw badRequest(`Property '${unknown}' cannot be updated here.`);
      const state = body["state"];
      if (state !== undefined && state !== "enabled" && state !== "disabled") {
        throw badRequest("'state' must be 'enabled' or 'disabled'.");
      }
      const include =
        body["includeTargets"] === undefined
          ? undefined
          : includeTargets(body["includeTargets"], ctx);
      const exclude =
        body["excludeTargets"] === undefined
          ? undefined
          : excludeTargets(body["excludeTargets"], ctx);
      if (state !== undefined) ctx.policy.state = state;
      if (include !== undefined) ctx.policy.includeTargets = include;
      if (exclude !== undefined) ctx.policy.excludeTargets = exclude;
      ctx.policy.lastModifiedDateTime = new Date(ctx.tenant.now()).toISOString();
      return { status: 204 };
    },
  },
];
