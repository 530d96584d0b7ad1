import { isObject } from "./device-input.js";
import { badRequest } from "./http-error.js";
import { userMethodsRead, userMethodsWrite } from "./graph-permissions.js";
import { applySelect, matchesFilter, pageResponse, parseFilter } from "./odata.js";
import { userOf, type GraphRequest, type Route } from "./route-table.js";
import { parseActivation } from "./tenant.js";
import { methodProperties, methodView } from "./views.js";

/** graph-api.md §2 rows 8–14: the hardware OATH methods a user holds. */
const methods = "users/{uid}/authentication/hardwareOathMethods";

const read = (): number => 0;
const write = (): number => 1;

function body(request: GraphRequest): Record<string, unknown> {
  if (!isObject(request.body)) throw badRequest("The body must be a JSON object.");
  return request.body;
}

function deviceIdOf(value: Record<string, unknown>): string {
  const device = value["device"];
  if (!isObject(device) || typeof device["id"] !== "string") {
    throw badRequest('\'device\' must be {"id": "<device id>"}.');
  }
  return device["id"];
}

export const userRoutes: Route[] = [
  {
    method: "GET",
    pattern: methods,
    cost: read,
    permission: userMethodsRead,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const filter = parseFilter(request.url.searchParams.get("$filter"), ["id"]);
      const select = request.url.searchParams.get("$select");
      const views = ctx.tenant.devices
        .heldBy(user.id)
        .map((d) => methodView(d, ctx.tenant.users, true))
        .filter((v) => matchesFilter(v, filter));
      const context = `${ctx.base}/$metadata#users('${user.id}')/authentication/hardwareOathMethods`;
      return pageResponse(views, request.url, ctx, context, (v) =>
        applySelect(v, select, methodProperties),
      );
    },
  },
  {
    // Assign an inventory token (#7).
    method: "POST",
    pattern: methods,
    cost: write,
    permission: userMethodsWrite,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const device = ctx.tenant.device(deviceIdOf(body(request)));
      ctx.tenant.assign(user, device);
      return { status: 201, body: methodView(device, ctx.tenant.users, false) };
    },
  },
  {
    method: "POST",
    pattern: `${methods}/assignAndActivate`,
    cost: write,
    permission: userMethodsWrite,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const input = body(request);
      const activation = parseActivation(input);
      const device = ctx.tenant.device(deviceIdOf(input));
      ctx.tenant.assignAndActivate(user, device, activation);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: `${methods}/assignAndActivateBySerialNumber`,
    cost: write,
    permission: userMethodsWrite,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const input = body(request);
      const activation = parseActivation(input);
      const serial = input["serialNumber"];
      if (typeof serial !== "string" || serial === "") {
        throw badRequest("'serialNumber' is required.");
      }
      const device = ctx.tenant.devices.findBySerial(serial);
      if (device === undefined) {
        throw badRequest(`No hardware OATH token has serial number '${serial}'.`);
      }
      ctx.tenant.assignAndActivate(user, device, activation);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    pattern: `${methods}/{id}`,
    cost: read,
    permission: userMethodsRead,
    handle(request, params, ctx) {
      const device = ctx.tenant.method(userOf(params, ctx), params["id"] ?? "");
      const select = request.url.searchParams.get("$select");
      return {
        status: 200,
        body: applySelect(methodView(device, ctx.tenant.users, true), select, methodProperties),
      };
    },
  },
  {
    // Unassign (#12): the token goes back to the inventory.
    method: "DELETE",
    pattern: `${methods}/{id}`,
    cost: write,
    permission: userMethodsWrite,
    handle(_request, params, ctx) {
      const device = ctx.tenant.method(userOf(params, ctx), params["id"] ?? "");
      ctx.tenant.unassign(device);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: `${methods}/{id}/activate`,
    cost: write,
    permission: userMethodsWrite,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const activation = parseActivation(body(request));
      ctx.tenant.activate(user, ctx.tenant.method(user, params["id"] ?? ""), activation);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: `${methods}/{id}/deactivate`,
    cost: write,
    permission: userMethodsWrite,
    handle(_request, params, ctx) {
      ctx.tenant.deactivate(ctx.tenant.method(userOf(params, ctx), params["id"] ?? ""));
      return { status: 204 };
    },
  },
  {
    // Assign, $ref form (#7b): {"@odata.id": ".../users/{objectId}"}.
    method: "PUT",
    pattern: `${methods}/{id}/device/assignTo/$ref`,
    cost: write,
    permission: userMethodsWrite,
    handle(request, params, ctx) {
      const ref = body(request)["@odata.id"];
      const match = typeof ref === "string" ? /\/users\/([^/?#]+)$/u.exec(ref) : null;
      if (match === null)
        throw badRequest("'@odata.id' must be a URL ending in /users/{objectId}.");
      const user = ctx.tenant.users.findById(decodeURIComponent(match[1] ?? ""));
      if (user === undefined)
        throw badRequest("'@odata.id' must name an existing user by object id.");
      ctx.tenant.assign(user, ctx.tenant.device(params["id"] ?? ""));
      return { status: 204 };
    },
  },
];
