import { timeStep, totpCode } from "../totp.js";
import type { DeviceRecord } from "./devices.js";

/** How far around the emulator's clock a code is accepted, in time steps (RFC 6238 §5.2). */
export const stepWindow = 1;

export type CodeCheck =
  { result: "ok"; step: number } | { result: "wrong" } | { result: "replayed" };

/**
Checks a 6-digit code against the token's own seed, interval and hash, at steps T-1..T+1 around
`nowMs` (the emulator's possibly skewed clock). A code whose step is at or before the last one
accepted for this token is a replay. Codes are compared and dropped; nothing here keeps or prints
them.
*/
export function checkCode(device: DeviceRecord, code: string, nowMs: number): CodeCheck {
  const interval = device.timeIntervalInSeconds;
  const current = timeStep(nowMs, interval);
  let replayed = false;
  for (let step = current + stepWindow; step >= current - stepWindow; step--) {
    const expected = totpCode(
      device.seed.bytes(),
      step * interval * 1000,
      interval,
      device.hashFunction,
    );
    if (expected !== code) continue;
    if (device.lastAcceptedStep !== null && step <= device.lastAcceptedStep) {
      replayed = true;
      continue;
    }
    return { result: "ok", step };
  }
  return replayed ? { result: "replayed" } : { result: "wrong" };
}
