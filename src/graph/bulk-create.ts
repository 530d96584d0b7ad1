import { kindOf } from "./classify-failure.js";
import { createBody, isRecord, toDevice, toPage } from "./odata.js";
import type { BulkItemResult, GraphFailureInfo, DeviceToCreate } from "./port.js";

/** The `$delta` body (docs/graph-adapter.md); `@contentId` is the 1-based position. */
export function createBulk(devices: readonly DeviceToCreate[]): Record<string, unknown> {
  return {
    "@context": "#$delta",
    value: devices.map((device, i) => ({ "@contentId": String(i + 1), ...createBody(device) })),
  };
}

function unconfirmed(serialNumber: string): GraphFailureInfo {
  return {
    kind: "unclear",
    status: null,
    code: null,
    message: `bulk create of ${serialNumber}: the response does not confirm it; look it up by serial`,
    requestId: null,
    retryAfterMs: null,
  };
}

/** A per-item error, should Graph ever send one: `{ "@contentId", status?, error: {code, message} }`. */
function itemFailure(item: Record<string, unknown>, serialNumber: string): GraphFailureInfo | null {
  const error = item["error"];
  if (!isRecord(error)) return null;
  const status = typeof item["status"] === "number" ? item["status"] : null;
  const code = typeof error["code"] === "string" ? error["code"] : null;
  return {
    kind: status === null ? "rejected" : kindOf(status, code),
    status,
    code,
    message: `bulk create of ${serialNumber} failed: ${code ?? "error"}`,
    requestId: null,
    retryAfterMs: null,
  };
}

/**
Per requested token: created only when the response names it (by `@contentId` or serial) as a
device with an id. Everything else is a non-ok item for the core to reconcile by serial: the
response shape of this endpoint is not documented (docs/graph-adapter.md).
*/
export function readBulkResults(
  devices: readonly DeviceToCreate[],
  body: unknown,
): BulkItemResult[] {
  const items = toPage(body).items.filter(isRecord);
  const byContentId = new Map<string, Record<string, unknown>>();
  for (const item of items) {
    const id = item["@contentId"];
    if (typeof id === "string") byContentId.set(id, item);
  }
  return devices.map((requested, i): BulkItemResult => {
    const serialNumber = requested.serialNumber;
    const item =
      byContentId.get(String(i + 1)) ??
      items.find((candidate) => toDevice(candidate)?.serialNumber === serialNumber);
    if (item === undefined) return { serialNumber, ok: false, failure: unconfirmed(serialNumber) };
    const failure = itemFailure(item, serialNumber);
    if (failure !== null) return { serialNumber, ok: false, failure };
    const device = toDevice(item);
    if (device === null || device.serialNumber !== serialNumber) {
      return { serialNumber, ok: false, failure: unconfirmed(serialNumber) };
    }
    return { serialNumber, ok: true, device };
  });
}
