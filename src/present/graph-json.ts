import { createBulk } from "../graph/bulk-create.js";
import type { DeviceToCreate } from "../graph/port.js";
import type { Token } from "../validate/token-schema.js";

/**
The Graph bulk-create body (`PATCH …/hardwareOathDevices` with `@context: #$delta`,
docs/graph-adapter.md): the adapter's own body builder, so `convert --to graph-json` writes exactly
what `import` sends — seeds in Base32, the interval as a number.
*/
export function graphJson(tokens: readonly Token[]): string {
  return `${JSON.stringify(createBulk(tokens.map(deviceToCreate)), null, 2)}\n`;
}

/** A validated token as the port creates it: the one mapping, for import and for this body. */
export function deviceToCreate(t: Token): DeviceToCreate {
  return {
    serialNumber: t.serialNumber,
    manufacturer: t.manufacturer,
    model: t.model,
    seed: t.seed,
    timeIntervalInSeconds: t.timeIntervalInSeconds,
    hashFunction: t.hashFunction,
    displayName: t.displayName,
  };
}
