import { isObject } from "./device-input.js";
import { directoryRoleObjectId, roleName } from "./directory-roles.js";
import {
  checkMemberGroups,
  directoryRoleRead,
  groupRead,
  transitiveMemberOf,
} from "./graph-permissions.js";
import { badRequest, notFound } from "./http-error.js";
import { applySelect, pageResponse } from "./odata.js";
import { grants } from "./permissions.js";
import { userOf, type Route } from "./route-table.js";

/**
What a pre-flight needs about groups and roles (docs/emulator.md § Pre-flight reads):
POST /users/{id}/checkMemberGroups (transitive, up to 20 group ids; E5), GET
/users/{id}/transitiveMemberOf/microsoft.graph.directoryRole (E6; role properties only with a
permission that may read directory roles, else Graph's limited information, E7) and GET
/groups/{id} (E12).
*/
const maxGroupIds = 20;
const read = (): number => 0;

export const directoryRoutes: Route[] = [
  {
    method: "POST",
    pattern: "users/{uid}/checkMemberGroups",
    cost: read,
    permission: checkMemberGroups,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const ids = isObject(request.body) ? request.body["groupIds"] : undefined;
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) {
        throw badRequest("'groupIds' must be an array of group ids.");
      }
      if (ids.length === 0 || ids.length > maxGroupIds) {
        throw badRequest(
          `'groupIds' holds 1 to ${maxGroupIds} group ids; this one has ${ids.length}.`,
        );
      }
      const member = ctx.tenant.users.transitiveGroups(user);
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#Collection(Edm.String)`,
          value: ids.filter((id) => member.has(id.toLowerCase())),
        },
      };
    },
  },
  {
    method: "GET",
    pattern: "users/{uid}/transitiveMemberOf/microsoft.graph.directoryRole",
    cost: read,
    permission: transitiveMemberOf,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const full = grants(request.principal, directoryRoleRead);
      const roles = user.roleIds.map((templateId) => ({
        "@odata.type": "#microsoft.graph.directoryRole",
        id: directoryRoleObjectId(templateId),
        displayName: full ? (roleName(templateId) ?? null) : null,
        description: null,
        roleTemplateId: full ? templateId : null,
      }));
      const select = request.url.searchParams.get("$select");
      return pageResponse(roles, request.url, ctx, `${ctx.base}/$metadata#directoryRoles`, (r) =>
        applySelect(r, select, ["displayName", "description", "roleTemplateId"]),
      );
    },
  },
  {
    method: "GET",
    pattern: "groups/{gid}",
    cost: read,
    permission: groupRead,
    handle(request, params, ctx) {
      const group = ctx.tenant.users.group(params["gid"] ?? "");
      if (group === undefined) {
        throw notFound(
          `Resource '${params["gid"] ?? ""}' does not exist or one of its queried reference-property objects are not present.`,
        );
      }
      const view = {
        id: group.id,
        displayName: group.displayName,
        securityEnabled: true,
        mailEnabled: false,
      };
      const select = request.url.searchParams.get("$select");
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#groups/$entity`,
          ...applySelect(view, select, ["displayName", "securityEnabled", "mailEnabled"]),
        },
      };
    },
  },
];
