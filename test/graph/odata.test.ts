import { describe, expect, it } from "vitest";
import { createBulk, readBulkResults } from "../../src/graph/bulk-create.js";
import { deviceFilter, literal, toDevice, userPath } from "../../src/graph/odata.js";
import type { DeviceToCreate } from "../../src/graph/index.js";
import { Seed } from "../../src/secrets/seed.js";

const flat = {
  id: "1b7e0c1e-0000-4000-8000-000000000001",
  displayName: null,
  serialNumber: "60234567",
  manufacturer: "Token2",
  model: "C202",
  secretKey: null,
  timeIntervalInSeconds: 30,
  status: "available",
  lastUsedDateTime: null,
  hashFunction: "hmacsha1",
  assignedTo: null,
};

function newDevice(serialNumber: string): DeviceToCreate {
  return {
    serialNumber,
    manufacturer: "Token2",
    model: "C202",
    seed: Seed.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
    timeIntervalInSeconds: 30,
    hashFunction: "hmacsha1",
    displayName: null,
  };
}

describe("OData helpers", () => {
  it("combines filters with and, doubling single quotes", () => {
    expect(deviceFilter()).toBeNull();
    expect(deviceFilter({ serialNumber: "O'Brien-1", status: "available", model: "C202" })).toBe(
      "serialNumber eq 'O''Brien-1' and status eq 'available' and model eq 'C202'",
    );
    expect(literal("''")).toBe("''''''");
  });

  it("percent-encodes a guest UPN in the path", () => {
    expect(userPath("ann_contoso.com#EXT#@fabrikam.onmicrosoft.com")).toBe(
      "/users/ann_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com",
    );
  });

  it("reads a device flat, wrapped as a user method, or wrapped in value", () => {
    const expected = toDevice(flat);
    expect(expected).toMatchObject({ id: flat.id, serialNumber: "60234567", assignedTo: null });
    expect(
      toDevice({
        "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethod",
        id: flat.id,
        device: flat,
      }),
    ).toEqual(expected);
    expect(toDevice({ value: flat })).toEqual(expected);
    expect(toDevice({ id: "x" })).toBeNull();
    expect(toDevice({ ...flat, status: "unknownFutureValue" })?.status).toBe("unknownFutureValue");
  });
});

describe("bulk create", () => {
  it("puts the Base32 seed and a content id in each item of the $delta body", () => {
    const body = createBulk([newDevice("A1"), { ...newDevice("A2"), assignToUserId: "u1" }]);
    expect(body).toMatchObject({
      "@context": "#$delta",
      value: [
        { "@contentId": "1", serialNumber: "A1", secretKey: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" },
        { "@contentId": "2", serialNumber: "A2", assignTo: { id: "u1" } },
      ],
    });
  });

  it("marks created only what the response confirms; the rest is unclear", () => {
    const requested = [newDevice("A1"), newDevice("A2"), newDevice("A3"), newDevice("A4")];
    const results = readBulkResults(requested, {
      value: [
        { id: "m1", device: { ...flat, id: "d1", serialNumber: "A1" } },
        { "@contentId": "2", ...flat, id: "d2", serialNumber: "A2" },
        { "@contentId": "3", status: 400, error: { code: "badRequest", message: "no" } },
      ],
    });
    expect(
      results.map((r) => [r.serialNumber, r.ok, r.ok ? r.device?.id : r.failure.kind]),
    ).toEqual([
      ["A1", true, "d1"],
      ["A2", true, "d2"],
      ["A3", false, "rejected"],
      ["A4", false, "unclear"],
    ]);
    expect(readBulkResults(requested, undefined).every((r) => !r.ok)).toBe(true);
  });
});
