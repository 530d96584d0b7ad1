import type { FaultKind } from "./options.js";

/** What the emulator has seen; read through the state endpoint and `state()`. */
export type EmulatorCounters = {
  /** Requests by route name (e.g. "POST devices", "POST $batch", "POST token"). */
  requests: Record<string, number>;
  /** Tokens created (single POST and each item of a bulk PATCH). */
  creates: number;
  /** Items refused because their serial already exists (each duplicate item of a refused bulk counts). */
  duplicateRejections: number;
  assignments: number;
  unassignments: number;
  deletes: number;
  activations: { ok: number; wrong: number; replayed: number };
  /** Requests or batch items charged to the write quota, the ones refused with 429 included. */
  writeRequests: number;
  /** Requests or batch items answered with 429 for the write quota. */
  throttled: number;
  /** Reads (requests or batch items) answered with 429 for the read quota (`readRate`). */
  readsThrottled: number;
  /** Requests or batch items answered 403 (the token lacks a permission or the user a role). */
  forbidden: number;
  /** Tokens issued, by grant (client_credentials, device_code, authorization_code, refresh_token). */
  signIns: Record<string, number>;
  faults: Record<FaultKind, number>;
};

export function newCounters(): EmulatorCounters {
  return {
    requests: {},
    creates: 0,
    duplicateRejections: 0,
    assignments: 0,
    unassignments: 0,
    deletes: 0,
    activations: { ok: 0, wrong: 0, replayed: 0 },
    writeRequests: 0,
    throttled: 0,
    readsThrottled: 0,
    forbidden: 0,
    signIns: {},
    faults: { "503": 0, lost: 0, reset: 0 },
  };
}
