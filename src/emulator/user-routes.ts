import { isObject } from "./device-input.js";
import { badRequest } from "./http-error.js";
import { applySelect, matchesFilter, paginate, parseFilter } from "./odata.js";
import type { GraphContext, GraphRequest, Route } from "./route-table.js";
import { parseActivation } from "./tenant.js";
import { methodProperties, methodView, userProperties, userView } from "./views.js";

/** graph-api.md §2 rows 7–14: a user and the hardware OATH methods they hold. */
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

function userOf(params: Record<string, string>, ctx: GraphContext) {
  return ctx.tenant.user(params["uid"] ?? "");
}

export const userRoutes: Route[] = [
  {
    method: "GET",
    pattern: "users/{uid}",
    cost: read,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const select = request.url.searchParams.get("$select");
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#users/$entity`,
          ...applySelect(userView(user), select, userProperties),
        },
      };
    },
  },
  {
    method: "GET",
    pattern: methods,
    cost: read,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const filter = parseFilter(request.url.searchParams.get("$filter"), ["id"]);
      const select = request.url.searchParams.get("$select");
      const views = ctx.tenant.devices
        .heldBy(user.id)
        .map((d) => methodView(d, ctx.tenant.users, true))
        .filter((v) => matchesFilter(v, filter));
      const page = paginate(views, request.url, ctx);
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#users('${user.id}')/authentication/hardwareOathMethods`,
          value: page.value.map((v) => applySelect(v, select, methodProperties)),
          ...(page.nextLink === undefined ? {} : { "@odata.nextLink": page.nextLink }),
        },
      };
    },
  },
  {
    // All of a user's methods (GET /users/{id}/authentication/methods), which an importer counts
    // against the cap of five: the users file's `existingMethods` appear as software OATH
    // (authenticator app) methods, the held tokens as hardware OATH methods, plus the password.
    method: "GET",
    pattern: "users/{uid}/authentication/methods",
    cost: read,
    handle(request, params, ctx) {
      const user = userOf(params, ctx);
      const views: Array<Record<string, unknown>> = [
        {
          "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
          id: "28c10230-6103-485e-b985-444c60001490",
        },
        ...Array.from({ length: user.existingMethods }, (_, i) => ({
          "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethod",
          id: `${user.id.slice(0, 24)}${String(i).padStart(12, "0")}`,
        })),
        ...ctx.tenant.devices.heldBy(user.id).map((d) => ({
          "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethod",
          id: d.id,
        })),
      ];
      const page = paginate(views, request.url, ctx);
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.base}/$metadata#users('${user.id}')/authentication/methods`,
          value: page.value,
          ...(page.nextLink === undefined ? {} : { "@odata.nextLink": page.nextLink }),
        },
      };
    },
  },
  {
    // Assign an inventory token (#7).
    method: "POST",
    pattern: methods,
    cost: write,
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
