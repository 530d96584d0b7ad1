import { randomUUID } from "node:crypto";
import type { GraphResponse } from "./route-table.js";

/**
An Entra (AADSTS) error body, the shape MSAL parses: `error`, `error_description` starting
`AADSTS<code>:` with trace and correlation ids and a timestamp, `error_codes`, `timestamp`,
`trace_id`.
*/
export function aadError(
  status: number,
  error: string,
  code: number,
  text: string,
  now: number,
): GraphResponse {
  const traceId = randomUUID();
  const timestamp = new Date(now)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/u, "Z");
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${randomUUID()} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
    },
  };
}
