import { isObject, parseDevicePatch, parseNewDevice } from "./device-input.js";
import { badRequest } from "./http-error.js";
import { assignOnCreate, devicesRead, devicesWrite } from "./graph-permissions.js";
import { applySelect, matchesFilter, paginate, parseFilter } from "./odata.js";
import type { GraphContext, GraphRequest, GraphResponse, Route } from "./route-table.js";
import { deviceProperties, deviceView, methodView } from "./views.js";

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

/** The strict reading of an undocumented limit (graph-api.md §2.4: the admin center took 50). */
export const maxBulkItems = 50;

const read = (): number => 0;
const write = (): number => 1;

function isBulk(body: unknown): boolean {
  return isObject(body) && "@context" in body;
}

/** The users a create names in `assignTo` (single or bulk), for the permission check. */
function assignees(request: GraphRequest): {
  permission: typeof assignOnCreate;
  userIds: string[];
} {
  const body = request.body;
  const items =
    isBulk(body) && isObject(body) && Array.isArray(body["value"]) ? body["value"] : [body];
  const userIds = (items as unknown[]).flatMap((item) => {
    const to = isObject(item) ? item["assignTo"] : undefined;
    return isObject(to) && typeof to["id"] === "string" ? [to["id"]] : [];
  });
  return { permission: assignOnCreate, userIds };
}

const bulkCost = (request: GraphRequest): number => {
  const body = request.body;
  return isObject(body) && Array.isArray(body["value"]) ? Math.max(1, body["value"].length) : 1;
};

/**
Bulk create (#4), by PATCH as the method's HTTP section says or by POST as its example and SDK
snippets send (S3): all-or-nothing; 201 with `value` in the wrapper shape (S3).
*/
function bulkCreate(request: GraphRequest, ctx: GraphContext): GraphResponse {
  const items = bulkItems(request);
  if (items.length === 0) throw badRequest("The bulk 'value' array is empty.");
  if (items.length > maxBulkItems) {
    throw badRequest(
      `A bulk create holds at most ${maxBulkItems} tokens; this one has ${items.length}.`,
    );
  }
  if (ctx.bulkItemStatus !== null) return bulkItemFailures(items, ctx.bulkItemStatus);
  const labels = items.map((item, i) => {
    const id = isObject(item) ? item["@contentId"] : undefined;
    return `value[${i}]${typeof id === "string" ? ` (@contentId ${id})` : ""}: `;
  });
  const parsed = items.map((item, i) => {
    if (!isObject(item)) return parseNewDevice(item, labels[i]);
    const rest = { ...item };
    delete rest["@contentId"];
    return parseNewDevice(rest, labels[i]);
  });
  const devices = ctx.tenant.create(parsed, labels);
  return {
    status: 201,
    body: {
      "@odata.context": context(ctx),
      value: devices.map((d) => methodView(d, ctx.tenant.users, true)),
    },
  };
}

function bulkItems(request: GraphRequest): unknown[] {
  const body = request.body;
  if (!isObject(body) || body["@context"] !== "#$delta" || !Array.isArray(body["value"])) {
    throw badRequest('A bulk create needs {"@context": "#$delta", "value": [...]}.');
  }
  return body["value"] as unknown[];
}

function context(ctx: GraphContext, suffix = ""): string {
  return `${ctx.base}/$metadata#${collection}${suffix}`;
}

/** The `bulkItemStatus` fault: 200, and every item an error with that status; nothing created. */
function bulkItemFailures(items: readonly unknown[], status: number): GraphResponse {
  return {
    status: 200,
    body: {
      value: items.map((item, i) => ({
        "@contentId":
          isObject(item) && typeof item["@contentId"] === "string"
            ? item["@contentId"]
            : String(i + 1),
        status,
        error: { code: "ServiceUnavailable", message: "The item could not be processed." },
      })),
    },
  };
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
      const page = paginate(views, request.url, ctx);
      return {
        status: 200,
        body: {
          "@odata.context": context(ctx),
          value: page.value.map((v) => applySelect(v, select, deviceProperties)),
          ...(page.nextLink === undefined ? {} : { "@odata.nextLink": page.nextLink }),
        },
      };
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
      if (isBulk(request.body)) return bulkCreate(request, ctx);
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
    handle: (request, _params, ctx) => bulkCreate(request, ctx),
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
