import { describe, expect, it } from "vitest";
import { GraphFailure, type OathDirectory } from "../../src/graph/index.js";
import type { Seen, Server } from "../helpers/hostile-server.js";
import { hostileTestbed } from "../helpers/hostile-testbed.js";

/*
Issue #15 item 9: `@odata.nextLink` is the server's word. A hostile front answers the inventory
listing with crafted links (sign-in is forwarded to a real emulator); the adapter must compare the
link's full origin, refuse a link that smuggles another URL, and stop on a repeated link or after
the page cap, each with a clear error, without ever sending a request elsewhere.
*/

const bed = hostileTestbed("oathkit-next-link-");
const listing = "/beta/directory/authenticationMethodDevices/hardwareOathDevices";

/** A front whose inventory pages link to `link(front url, page number)`; all else forwarded. */
async function pagingFront(link: (origin: string, page: number) => string): Promise<Server> {
  let origin = "";
  let page = 0;
  const server = await bed.front((r: Seen) => {
    if (r.method !== "GET" || !r.path.startsWith(listing)) return "forward";
    page += 1;
    const body = { value: [], "@odata.nextLink": link(origin, page) };
    return {
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    };
  });
  origin = server.url;
  return server;
}

async function listFailure(directory: OathDirectory): Promise<GraphFailure> {
  try {
    const drained: unknown[] = [];
    for await (const device of directory.listDevices()) drained.push(device);
  } catch (error) {
    if (error instanceof GraphFailure) return error;
    throw error;
  }
  throw new Error("expected the listing to fail");
}

const pages = (server: Server) => server.seen.filter((r) => r.path.startsWith(listing)).length;

describe("next page links", () => {
  it("refuses <graph>/beta/https://other-host/…: the other host gets nothing", async () => {
    const other = await bed.recorder();
    const front = await pagingFront((origin) => `${origin}/beta/${other.url}/steal?$skiptoken=x`);
    const failure = await listFailure(bed.directoryAt(front.url));
    expect(failure).toMatchObject({ kind: "auth", code: "HostRefused" });
    expect(failure.message).toMatch(/next page link carries another URL; it was not followed/u);
    expect(other.seen).toEqual([]);
    expect(pages(front)).toBe(1);
  });

  it("refuses a link whose query smuggles a URL, a scheme downgrade and another port", async () => {
    for (const link of [
      (o: string) => `${o}${listing}?$skiptoken=https://203.0.113.7/x`,
      (o: string) => `${o.replace("https:", "http:")}${listing}?$skiptoken=a`,
      () => `https://127.0.0.1:1${listing}?$skiptoken=a`,
      (o: string) => `${o}/v1.0/users?$skiptoken=a`,
    ]) {
      const front = await pagingFront(link);
      const failure = await listFailure(bed.directoryAt(front.url));
      expect(failure).toMatchObject({ kind: "auth", code: "HostRefused" });
      expect(pages(front)).toBe(1);
    }
  });

  it("stops on a link that points at itself, with a clear error", async () => {
    const front = await pagingFront((origin) => `${origin}${listing}?$skiptoken=same`);
    const failure = await listFailure(bed.directoryAt(front.url));
    expect(failure).toMatchObject({ kind: "unclear", code: "PagingStopped" });
    expect(failure.message).toMatch(
      /list tokens failed: the next page link repeats an earlier one/u,
    );
    expect(pages(front)).toBe(2);
  });

  it("stops after the page cap on links that never end", async () => {
    const front = await pagingFront((origin, page) => `${origin}${listing}?$skiptoken=p${page}`);
    const failure = await listFailure(bed.directoryAt(front.url, { maxPages: 25 }));
    expect(failure).toMatchObject({ kind: "unclear", code: "PagingStopped" });
    expect(failure.message).toMatch(/stopped after 25 pages/u);
    expect(pages(front)).toBe(25);
  });

  it("still follows Graph's own links to the end", async () => {
    const front = await pagingFront((origin, page) =>
      page < 3 ? `${origin}${listing}?$top=999&$skiptoken=p${page}` : "",
    );
    const directory = bed.directoryAt(front.url);
    const seen: unknown[] = [];
    for await (const device of directory.listDevices()) seen.push(device);
    expect(seen).toEqual([]);
    expect(pages(front)).toBe(3);
  });
});
