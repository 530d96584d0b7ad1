import { forEachConcurrently } from "../pool.js";
import { GraphFailure } from "./graph-failure.js";
import { toPage } from "./odata.js";
import type { BatchOutcome, Device, OathDirectory, UserRead } from "./port.js";
import {
  asBatchItem,
  countOathIn,
  methodsRead,
  parseListedDevice,
  parseUser,
  serialRead,
  userRead,
  withSerial,
} from "./reads.js";

/** Users or serials whose answer had a next page, read on their own this many at a time. */
const fallbacksAtOnce = 4;

type Single = Pick<OathDirectory, "batch" | "countOathMethods" | "findDeviceBySerial">;

/**
getUser, countOathMethods and findDeviceBySerial for many at once (docs/graph-adapter.md,
Endpoints): the same requests and parses as the single calls (reads.ts), twenty to a `$batch`. An
answer with a next page (more methods, or tokens, than one page) is read again with the single
call; any other failed item fails the call as the single call would have thrown.
*/
export function batchedReads(
  single: Single,
): Pick<OathDirectory, "readUsers" | "findDevicesBySerial"> {
  return {
    async readUsers(idsOrUpns) {
      const [users, methods] = await Promise.all([
        single.batch(
          "look up user",
          idsOrUpns.map((u) => asBatchItem(userRead(u))),
        ),
        single.batch(
          "count the user's OATH methods",
          idsOrUpns.map((u) => asBatchItem(methodsRead(u))),
        ),
      ]);
      const read = new Map<string, UserRead>();
      const paged: string[] = [];
      idsOrUpns.forEach((idOrUpn, i) => {
        const user = userOrNull(users[i]!);
        if (user === null) {
          read.set(idOrUpn, { user: null, oathMethods: 0 });
          return;
        }
        const page = toPage(bodyOf(methods[i]!));
        read.set(idOrUpn, { user, oathMethods: countOathIn(page.items) });
        if (page.nextLink !== null) paged.push(idOrUpn);
      });
      await forEachConcurrently(paged, fallbacksAtOnce, async (idOrUpn) => {
        const counted = await single.countOathMethods(idOrUpn);
        read.set(idOrUpn, { user: read.get(idOrUpn)!.user, oathMethods: counted });
      });
      return read;
    },

    async findDevicesBySerial(serials) {
      const outcomes = await single.batch(
        "list tokens",
        serials.map((s) => asBatchItem(serialRead(s))),
      );
      const found = new Map<string, Device>();
      const paged: string[] = [];
      serials.forEach((serial, i) => {
        const page = toPage(bodyOf(outcomes[i]!));
        if (page.nextLink !== null) paged.push(serial);
        const device = withSerial(page.items.map(parseListedDevice), serial);
        if (device !== null) found.set(serial, device);
      });
      await forEachConcurrently(paged, fallbacksAtOnce, async (serial) => {
        const device = await single.findDeviceBySerial(serial);
        if (device === null) found.delete(serial);
        else found.set(serial, device);
      });
      return found;
    },
  };
}

/** An item's body; its failure thrown as the single call would throw it. */
function bodyOf(outcome: BatchOutcome): unknown {
  if (!outcome.ok) throw new GraphFailure(outcome.failure);
  return outcome.body;
}

/** A 404 is a user who does not exist, as getUser says. */
function userOrNull(outcome: BatchOutcome): ReturnType<typeof parseUser> | null {
  if (!outcome.ok && outcome.failure.kind === "not-found") return null;
  return parseUser(bodyOf(outcome));
}
