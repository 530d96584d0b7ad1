import { usersRead, userMethodsRead, userReadAll } from "./graph-permissions.js";
import { GraphHttpError } from "./http-error.js";
import { applySelect, pageResponse } from "./odata.js";
import { grants } from "./permissions.js";
import { userOf, type GraphRequest, type Route } from "./route-table.js";
import { parseUserFilter } from "./user-filter.js";
import type { EmulatorUser } from "./users.js";
import { existingMethodView } from "./method-views.js";
import { basicUserProperties, defaultUserProperties, userProperties, userView } from "./views.js";

/** GET /users, /users/{id|upn} (and /me) and /users/{id}/authentication/methods (docs/emulator.md § Routes). */
const read = (): number => 0;

/**
The user's properties for `$select` (or Graph's default set). With only User.ReadBasic.All (or
User.Read for oneself, E10) a non-basic property is refused with 403: the strict reading.
*/
function selectUser(user: EmulatorUser, request: GraphRequest): Record<string, unknown> {
  const select = request.url.searchParams.get("$select");
  const view = applySelect(userView(user), select, userProperties);
  const keys = select === null ? defaultUserProperties : Object.keys(view);
  const needsFull = keys.some(
    (k) => !basicUserProperties.includes(k) && !defaultUserProperties.includes(k),
  );
  if (needsFull && !grants(request.principal, userReadAll)) {
    throw new GraphHttpError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    );
  }
  return Object.fromEntries(Object.entries(view).filter(([k]) => keys.includes(k) || k === "id"));
}

export const userReadRoutes: Route[] = [
  {
    method: "GET",
    pattern: "users",
    cost: read,
    permission: usersRead,
    handle(request, _params, ctx) {
      const filter = parseUserFilter(request.url.searchParams.get("$filter"));
      const users = ctx.tenant.users.all().filter(filter);
      return pageResponse(users, request.url, ctx, `${ctx.base}/$metadata#users`, (u) =>
        selectUser(u, request),
      );
    },
  },
  {
    method: "GET",
    pattern: "users/{uid}",
    cost: read,
    permission: usersRead,
    handle(request, params, ctx) {
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#users/$entity`,
          ...selectUser(userOf(params, ctx), request),
        },
      };
    },
  },
  {
    // Every method that counts against the cap of five (S19, S20): Microsoft Authenticator and
    // software OATH from the users file, the hardware tokens held; and the password.
    method: "GET",
    pattern: "users/{uid}/authentication/methods",
    cost: read,
    permission: userMethodsRead,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const views: Array<Record<string, unknown>> = [
        {
          "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
          id: "28c10230-6103-485e-b985-444c60001490",
          password: null,
          createdDateTime: null,
        },
        ...user.methods.map(existingMethodView),
        ...ctx.tenant.devices.heldBy(user.id).map((d) => ({
          "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethod",
          id: d.id,
          createdDateTime: d.assignedAt?.toISOString() ?? null,
        })),
      ];
      const context = `${ctx.base}/$metadata#users('${user.id}')/authentication/methods`;
      return pageResponse(views, request.url, ctx, context);
    },
  },
];
