import { isObject } from "./device-input.js";
import { badRequest } from "./http-error.js";
import type { Route } from "./route-table.js";

/** The hardware OATH method in the authentication methods policy (graph-api.md §2.13). */
const path = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/hardwareOath";
const type = "#microsoft.graph.hardwareOathAuthenticationMethodConfiguration";

export const policyRoutes: Route[] = [
  {
    method: "GET",
    pattern: path,
    cost: () => 0,
    handle(_request, _params, ctx) {
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
          "@odata.type": type,
          id: "HardwareOath",
          state: ctx.policy.state,
          excludeTargets: [],
          includeTargets: [{ targetType: "group", id: "all_users", isRegistrationRequired: false }],
        },
      };
    },
  },
  {
    method: "PATCH",
    pattern: path,
    cost: () => 1,
    handle(request, _params, ctx) {
      const body = request.body;
      if (!isObject(body) || body["@odata.type"] !== type) {
        throw badRequest(`The body must carry "@odata.type": "${type}".`);
      }
      const state = body["state"];
      if (state !== undefined && state !== "enabled" && state !== "disabled") {
        throw badRequest("'state' must be 'enabled' or 'disabled'.");
      }
      if (state !== undefined) ctx.policy.state = state;
      return { status: 204 };
    },
  },
];
