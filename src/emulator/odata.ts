import { badRequest } from "./http-error.js";
import type { GraphResponse } from "./route-table.js";

/**
The OData query options the hardware OATH endpoints support (graph-api.md §2.1): `$filter` with
`eq` (clauses joined by `and`), `$select`, `$top`, and server-driven paging through
`@odata.nextLink`. Anything else in `$filter` is refused with 400, the strict reading.
*/
export type FilterClause = { path: string[]; value: string | number | null };

const clausePattern = /^([A-Za-z]+(?:\/[A-Za-z]+)?)\s+eq\s+('(?:[^']|'')*'|-?\d+|null)$/u;

export function parseFilter(text: string | null, allowed: readonly string[]): FilterClause[] {
  if (text === null) return [];
  const clauses = text.trim().split(/\s+and\s+/iu);
  return clauses.map((clause) => {
    const match = clausePattern.exec(clause.trim());
    if (match === null) {
      throw badRequest(
        `Invalid filter clause: only "property eq value" joined by "and" is supported.`,
      );
    }
    const [, property = "", literal = ""] = match;
    if (!allowed.includes(property)) {
      throw badRequest(`Invalid filter clause: property '${property}' cannot be filtered on.`);
    }
    const value =
      literal === "null"
        ? null
        : literal.startsWith("'")
          ? literal.slice(1, -1).replaceAll("''", "'")
          : Number(literal);
    return { path: property.split("/"), value };
  });
}

function at(item: unknown, path: readonly string[]): unknown {
  let value = item;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

export function matchesFilter(item: unknown, clauses: readonly FilterClause[]): boolean {
  return clauses.every(({ path, value }) => {
    const actual = at(item, path);
    if (typeof actual === "string" && typeof value === "string") {
      return actual.toLowerCase() === value.toLowerCase();
    }
    return actual === value;
  });
}

/** Keeps the selected properties plus `id` and OData annotations. */
export function applySelect<T extends Record<string, unknown>>(
  item: T,
  select: string | null,
  allowed: readonly string[],
): Partial<T> {
  if (select === null) return item;
  const keys = select.split(",").map((k) => k.trim());
  for (const key of keys) {
    if (!allowed.includes(key)) {
      throw badRequest(`Could not find a property named '${key}' to select.`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === "id" || key.startsWith("@odata.") || keys.includes(key)) out[key] = value;
  }
  return out as Partial<T>;
}

export type Page<T> = { value: T[]; nextLink: string | undefined };

/**
One page of `items` starting at the offset in `$skiptoken`; the next link repeats the request's
own query with a new `$skiptoken`, as Graph does.
*/
export function paginate<T>(
  items: readonly T[],
  url: URL,
  limits: { pageSize: number; maxTop: number },
): Page<T> {
  const topText = url.searchParams.get("$top");
  let size = limits.pageSize;
  if (topText !== null) {
    if (!/^\d+$/u.test(topText) || Number(topText) < 1 || Number(topText) > limits.maxTop) {
      throw badRequest(
        `Invalid page size specified: '${topText.slice(0, 20)}'. Must be between 1 and ${limits.maxTop} inclusive.`,
      );
    }
    size = Number(topText);
  }
  const token = url.searchParams.get("$skiptoken");
  let offset = 0;
  if (token !== null) {
    const decoded = /^o:(\d+)$/u.exec(Buffer.from(token, "base64url").toString("utf8"));
    if (decoded === null) throw badRequest("$skiptoken is not valid.");
    offset = Number(decoded[1]);
  }
  const value = items.slice(offset, offset + size);
  if (offset + size >= items.length) return { value, nextLink: undefined };
  // Keep the request's own query text (and its encoding); only the $skiptoken changes.
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((p) => p !== "" && !/^(\$|%24)skiptoken=/iu.test(p));
  kept.push(`$skiptoken=${Buffer.from(`o:${offset + size}`).toString("base64url")}`);
  return { value, nextLink: `${url.origin}${url.pathname}?${kept.join("&")}` };
}

/**
A collection's 200: one page of `items` (`paginate`), each shown by `view`, under its
`@odata.context`, with the `@odata.nextLink` when there is more.
*/
export function pageResponse<T>(
  items: readonly T[],
  url: URL,
  limits: { pageSize: number; maxTop: number },
  context: string,
  view: (item: T) => unknown = (item) => item,
): GraphResponse {
  const page = paginate(items, url, limits);
  return {
    status: 200,
    body: {
      "@odata.context": context,
      value: page.value.map((item) => view(item)),
      ...(page.nextLink === undefined ? {} : { "@odata.nextLink": page.nextLink }),
    },
  };
}
