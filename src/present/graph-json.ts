import { createBulk } from "../graph/bulk-create.js";
import type { DeviceToCreate } from "../graph/port.js";
import type { Token } from "../validate/token-schema.js";

/**
The Graph bulk-create body (`PATCH …/hardwareOathDevices` with `@context: #$delta`,
docs/graph-adapter.md): the adapter's own body builder, so `convert --to graph-json` writes exactly
what `import` sends — seeds in Base32, the interval as a number.
*/
export function graphJson(tokens: readonly Token[]): string {
  const devices = tokens.map((t): DeviceToCreate => ({
    serialNumber: t.serialNumber,
    manufacturer: t.manufacturer,
    model: t.model,
    seed: t.seed,
    timeIntervalInSeconds: t.timeIntervalInSeconds,
    hashFunction: t.hashFunction,
    displayName: t.displayName,
  }));
  return `${JSON.stringify(createBulk(devices), null, 2)}\n`;
}
