import { GraphHttpError } from "./http-error.js";
import type { EmulatorUser } from "./users.js";

/**
The `$filter` of GET /users: what Graph supports on these properties without advanced queries
(E10): `eq` on id, userPrincipalName, mail, displayName, userType and accountEnabled; `in` on id,
userPrincipalName and mail; `startswith` on userPrincipalName, displayName and mail; clauses
joined by `and`. Strings compare case-insensitively. Anything else is 400 Request_UnsupportedQuery.
*/
type Clause = (user: EmulatorUser) => boolean;

const literal = String.raw`'(?:[^']|'')*'`;
const eqPattern = new RegExp(String.raw`^(\w+)\s+eq\s+(${literal}|true|false)$`, "iu");
const inPattern = new RegExp(
  String.raw`^(\w+)\s+in\s+\(\s*(${literal}(?:\s*,\s*${literal})*)\s*\)$`,
  "iu",
);
const startsPattern = new RegExp(String.raw`^startswith\(\s*(\w+)\s*,\s*(${literal})\s*\)$`, "iu");

const unquote = (text: string): string => text.slice(1, -1).replaceAll("''", "'");

function value(user: EmulatorUser, property: string): string | boolean | null {
  switch (property) {
    case "id":
      return user.id;
    case "userPrincipalName":
      return user.userPrincipalName;
    case "mail":
      return user.userType === "Member" ? user.userPrincipalName : null;
    case "displayName":
      return user.displayName;
    case "userType":
      return user.userType;
    case "accountEnabled":
      return user.accountEnabled;
    default:
      return null;
  }
}

const unsupported = (clause: string): GraphHttpError =>
  new GraphHttpError(
    400,
    "Request_UnsupportedQuery",
    `Unsupported or invalid query filter clause specified: '${clause.slice(0, 80)}'.`,
  );

const same = (a: unknown, b: string): boolean =>
  typeof a === "string" && a.toLowerCase() === b.toLowerCase();

function parseClause(clause: string): Clause {
  const eq = eqPattern.exec(clause);
  if (eq !== null) {
    const [, property = "", raw = ""] = eq;
    if (property === "accountEnabled" && !raw.startsWith("'")) {
      return (u) => u.accountEnabled === (raw.toLowerCase() === "true");
    }
    const eqProperties = ["id", "userPrincipalName", "mail", "displayName", "userType"];
    if (!eqProperties.includes(property) || !raw.startsWith("'")) throw unsupported(clause);
    return (u) => same(value(u, property), unquote(raw));
  }
  const inMatch = inPattern.exec(clause);
  if (inMatch !== null) {
    const [, property = "", list = ""] = inMatch;
    if (!["id", "userPrincipalName", "mail"].includes(property)) throw unsupported(clause);
    const values = list.match(new RegExp(literal, "gu"))?.map(unquote) ?? [];
    return (u) => values.some((v) => same(value(u, property), v));
  }
  const starts = startsPattern.exec(clause);
  if (starts !== null) {
    const [, property = "", raw = ""] = starts;
    if (!["userPrincipalName", "displayName", "mail"].includes(property)) throw unsupported(clause);
    const prefix = unquote(raw).toLowerCase();
    return (u) => {
      const v = value(u, property);
      return typeof v === "string" && v.toLowerCase().startsWith(prefix);
    };
  }
  throw unsupported(clause);
}

export function parseUserFilter(text: string | null): Clause {
  if (text === null) return () => true;
  const clauses = text
    .trim()
    .split(/\s+and\s+/iu)
    .map((c) => parseClause(c.trim()));
  return (user) => clauses.every((c) => c(user));
}
