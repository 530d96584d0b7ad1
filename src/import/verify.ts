import type { Device } from "../graph/port.js";
import type { RunContext } from "../job/run-context.js";
import { forEachConcurrently } from "../pool.js";

/** Above this many tokens one paged listing is cheaper than reading each device. */
const listAbove = 40;

/**
Reads every touched token back (docs/provisioning.md), so the report states what the tenant
holds, not what the requests promised.
*/
export async function readBack(
  deviceIds: ReadonlyMap<string, string>,
  ctx: RunContext,
): Promise<Map<string, Device | null>> {
  const found = new Map<string, Device | null>();
  if (deviceIds.size > listAbove) {
    const wanted = new Set(deviceIds.keys());
    for await (const device of ctx.deps.directory.listDevices()) {
      if (wanted.has(device.serialNumber)) found.set(device.serialNumber, device);
    }
    for (const serial of wanted) if (!found.has(serial)) found.set(serial, null);
    return found;
  }
  await forEachConcurrently(
    [...deviceIds],
    Math.max(ctx.options.concurrency * 2, 32),
    async ([serial, id]) => {
      found.set(serial, await ctx.deps.directory.getDevice(id));
    },
  );
  return found;
}
