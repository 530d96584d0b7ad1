import type { Token } from "../validate/token-schema.js";

/**
The Graph bulk-create body (`PATCH …/hardwareOathDevices` with `@context: #$delta`, graph-api.md
§2.4): one entry per token, seeds in Base32, the interval as a number.
*/
export function graphJson(tokens: readonly Token[]): string {
  const value = tokens.map((t, i) => ({
    "@contentId": String(i + 1),
    serialNumber: t.serialNumber,
    manufacturer: t.manufacturer,
    model: t.model,
    secretKey: t.seed.toBase32(),
    timeIntervalInSeconds: t.timeIntervalInSeconds,
    hashFunction: t.hashFunction,
    ...(t.displayName === null ? {} : { displayName: t.displayName }),
  }));
  return `${JSON.stringify({ "@context": "#$delta", value }, null, 2)}\n`;
}
