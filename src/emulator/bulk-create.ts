import { isObject, parseNewDevice } from "./device-input.js";
import { assignOnCreate } from "./graph-permissions.js";
import { badRequest } from "./http-error.js";
import type { GraphContext, GraphRequest, GraphResponse } from "./route-table.js";
import { methodView } from "./views.js";

/*
Bulk create of inventory tokens (graph-api.md §2.4, S3), by POST or PATCH with a `#$delta` body.
*/

/** The strict reading of an undocumented limit (graph-api.md §2.4: the admin center took 50). */
export const maxBulkItems = 50;

export function isBulk(body: unknown): boolean {
  return isObject(body) && "@context" in body;
}

/** The users a create names in `assignTo` (single or bulk), for the permission check. */
export function assignees(request: GraphRequest): {
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

export const bulkCost = (request: GraphRequest): number => {
  const body = request.body;
  return isObject(body) && Array.isArray(body["value"]) ? Math.max(1, body["value"].length) : 1;
};

/**
Bulk create (#4), by PATCH as the method's HTTP section says or by POST as its example and SDK
snippets send (S3): all-or-nothing; 201 with `value` in the wrapper shape (S3).
*/
export function bulkCreate(
  request: GraphRequest,
  ctx: GraphContext,
  context: string,
): GraphResponse {
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
      "@odata.context": context,
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
