import { createHash } from "node:crypto";
import { GraphFailure } from "./graph-failure.js";
import { transportErrorNames } from "./classify-failure.js";

/**
Following `@odata.nextLink` safely (issue #15 item 9). A link is the server's word, so:
- its full origin (scheme, host, port) must be the Graph URL's and its path must stay below
  `<graph url>/beta/`; a link that carries another URL (`…/beta/https://other-host/…`, or one in
  its query) is refused as well, because the Graph SDK reads any "https://" in a path as a host;
- a link seen before ends the listing with an error (a loop), and so does the page cap.
*/

/** At 999 per page (100 if `$top` is refused), far above any tenant's hardware token count. */
export const defaultMaxPages = 10_000;

/** Graph's links are a few hundred characters; a longer one is not followed. */
const maxLinkLength = 8_192;

export const pagingCodes = { refused: transportErrorNames.hostRefused, stopped: "PagingStopped" };

function refused(operation: string, detail: string): GraphFailure {
  return new GraphFailure({
    kind: "auth",
    status: null,
    code: pagingCodes.refused,
    message: `${operation} failed: the next page link ${detail}; it was not followed (the access token only goes to the configured Graph URL)`,
    requestId: null,
    retryAfterMs: null,
  });
}

function stopped(operation: string, detail: string): GraphFailure {
  return new GraphFailure({
    kind: "unclear",
    status: null,
    code: pagingCodes.stopped,
    message: `${operation} failed: ${detail}`,
    requestId: null,
    retryAfterMs: null,
  });
}

/** Scheme and host only, bounded: what a refusal may say about a link. */
function where(url: URL): string {
  const text = `${url.protocol}//${url.host}`;
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/**
The path (below `/beta`, with its query) to request for `link`, or a thrown GraphFailure.
`graphUrl` is the normalised Graph URL (no trailing slash).
*/
export function nextPagePath(link: string, graphUrl: string, operation: string): string {
  if (link.length > maxLinkLength) throw refused(operation, `is over ${maxLinkLength} characters`);
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw refused(operation, "is not a URL");
  }
  const base = new URL(`${graphUrl}/beta/`);
  if (url.origin !== base.origin) {
    throw refused(operation, `points to ${where(url)}, not ${base.origin}`);
  }
  if (!url.pathname.startsWith(base.pathname)) {
    throw refused(operation, `leaves ${base.pathname}`);
  }
  const path = `/${url.pathname.slice(base.pathname.length)}${url.search}`;
  if (/[a-z][a-z0-9+.-]*:\/\//iu.test(path) || path.includes("//")) {
    throw refused(operation, "carries another URL");
  }
  return path;
}

/** Remembers the links of one listing: a repeat or one page too many ends it with an error. */
export class PageGuard {
  readonly #seen = new Set<string>();
  readonly #operation: string;
  readonly #maxPages: number;
  #pages = 1;

  constructor(operation: string, maxPages: number) {
    this.#operation = operation;
    this.#maxPages = maxPages;
  }

  /** Called with each next link before it is followed. */
  next(link: string): void {
    const digest = createHash("sha256").update(link).digest("base64"); // bounded memory per page
    if (this.#seen.has(digest)) {
      throw stopped(this.#operation, "the next page link repeats an earlier one (a paging loop)");
    }
    this.#seen.add(digest);
    this.#pages += 1;
    if (this.#pages > this.#maxPages) {
      throw stopped(
        this.#operation,
        `stopped after ${this.#maxPages} pages: the listing did not end (at most ${this.#maxPages} pages are read)`,
      );
    }
  }
}
