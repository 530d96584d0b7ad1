import type { OathDirectory } from "../graph/port.js";
import { forEachConcurrently } from "../pool.js";

/**
Reads each distinct user id once (GET /users/{id}), at most `concurrency` at a time, and returns
id → UPN. A user that no longer exists maps to null. Failures other than "not found" propagate:
a list that silently dropped holders would be worse than no list.
*/
export async function resolveHolders(
  directory: Pick<OathDirectory, "getUser">,
  userIds: Iterable<string>,
  concurrency: number,
): Promise<Map<string, string | null>> {
  const distinct = [...new Set(userIds)];
  const upns = new Map<string, string | null>();
  await forEachConcurrently(distinct, concurrency, async (id) => {
    const user = await directory.getUser(id);
    upns.set(id, user?.userPrincipalName ?? null);
  });
  return upns;
}
