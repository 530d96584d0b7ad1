import { assignees, bulkCost, bulkCreate, isBulk } from "./bulk-create.js";
import { parseDevicePatch, parseNewDevice } from "./device-input.js";
import { devicesRead, devicesWrite } from "./graph-permissions.js";
import { applySelect, matchesFilter, pageResponse, parseFilter } from "./odata.js";
import type { GraphContext, Route } from "./route-table.js";
import { deviceProperties, deviceView } from "./views.js";

/** graph-api.md §2 rows 1–6: the tenant inventory of hardware OATH tokens. */
const collection = "directory/authenticationMethodDevices/hardwareOathDevices";
const filterable = [
  "serialNumber",
  "status",
  "manufacturer",
  "model",
  "hashFunction",
  "timeIntervalInSeconds",
  "assignedTo/id",
];

const read = (): number => 0;
const write = (): number => 1;

function context(ctx: GraphContext, suffix = ""): string {
  return `${ctx.base}/$metadata#${collection}${suffix}`;
}

export const inventoryRoutes: Route[] = [
  {
    method: "GET",
    pattern: collection,
    cost: read,
    permission: devicesRead,
    handle(request, _params, ctx) {
      const filter = parseFilter(request.url.searchParams.get("$filter"), filterable);
      const select = request.url.searchParams.get("$select");
      // A serial filter (the importer's reconcile lookup) uses the serial index, not a scan.
      const serial = filter.find((c) => c.path.join("/") === "serialNumber")?.value;
      const candidates =
        typeof serial === "string"
          ? [ctx.tenant.devices.findBySerial(serial)].filter((d) => d !== undefined)
          : ctx.tenant.devices.all();
      const views = candidates
        .map((d) => deviceView(d, ctx.tenant.users))
        .filter((v) => matchesFilter(v, filter));
      return pageResponse(views, request.url, ctx, context(ctx), (v) =>
        applySelect(v, select, deviceProperties),
      );
    },
  },
  {
    // Create one token, or a bulk create when the body is {"@context": "#$delta", "value": [...]}.
    method: "POST",
    pattern: collection,
    cost: (request) => (isBulk(request.body) ? bulkCost(request) : 1),
    permission: devicesWrite,
    alsoActsOn: assignees,
    handle(request, _params, ctx) {
      if (isBulk(request.body)) return bulkCreate(request, ctx, context(ctx));
      const [device] = ctx.tenant.create([parseNewDevice(request.body)], [""]);
      return {
        status: 201,
        body: {
          "@odata.context": context(ctx, "/$entity"),
          ...deviceView(device!, ctx.tenant.users),
        },
      };
    },
  },
  {
    method: "PATCH",
    pattern: collection,
    cost: bulkCost,
    permission: devicesWrite,
    alsoActsOn: assignees,
    handle: (request, _params, ctx) => bulkCreate(request, ctx, context(ctx)),
  },
  {
    method: "GET",
    pattern: `${collection}/{id}`,
    cost: read,
    permission: devicesRead,
    handle(request, params, ctx) {
      const device = ctx.tenant.device(params["id"] ?? "");
      const select = request.url.searchParams.get("$select");
      return {
        status: 200,
        body: {
          "@odata.context": context(ctx, "/$entity"),
          ...applySelect(deviceView(device, ctx.tenant.users), select, deviceProperties),
        },
      };
    },
  },
  {
    method: "PATCH",
    pattern: `${collection}/{id}`,
    cost: write,
    permission: devicesWrite,
    handle(request, params, ctx) {
      const device = ctx.tenant.device(params["id"] ?? "");
      const patch = parseDevicePatch(request.body);
      ctx.tenant.requireUnassigned(device, "update");
      ctx.tenant.devices.update(device, patch);
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    pattern: `${collection}/{id}`,
    cost: write,
    permission: devicesWrite,
    handle(_request, params, ctx) {
      const device = ctx.tenant.device(params["id"] ?? "");
      ctx.tenant.requireUnassigned(device, "delete");
      ctx.tenant.devices.delete(device);
      ctx.tenant.counters.deletes += 1;
      return { status: 204 };
    },
  },
];
