import { timeStep, totpCode } from "../totp.js";
import type { HashFunction, TimeInterval } from "../token-fields.js";

/**
Compares a code read off a physical token with the codes its seed gives around now
(docs/provisioning.md, device check). A match proves the seed belongs to that device and
measures the device's clock
drift in whole steps; it is searched nearest-first, so the smallest drift that fits wins.
*/
export type CodeMatch =
  | { match: true; driftSteps: number; driftSeconds: number; step: number }
  | { match: false; windowSteps: number };

/** ±10 minutes of drift: what Deepnet reports after years on the shelf, and well inside Entra's activation tolerance. */
export function defaultWindowSteps(step: TimeInterval): number {
  return Math.ceil(600 / step);
}

export function checkDeviceCode(
  seed: Uint8Array,
  typedCode: string,
  serverNowMs: number,
  step: TimeInterval,
  hash: HashFunction,
  windowSteps = defaultWindowSteps(step),
): CodeMatch {
  const code = typedCode.replace(/\s/gu, "");
  if (!/^\d{6}$/u.test(code)) return { match: false, windowSteps };
  const now = timeStep(serverNowMs, step);
  for (let distance = 0; distance <= windowSteps; distance += 1) {
    for (const drift of distance === 0 ? [0] : [distance, -distance]) {
      if (totpCode(seed, (now + drift) * step * 1000, step, hash) === code) {
        return { match: true, driftSteps: drift, driftSeconds: drift * step, step: now + drift };
      }
    }
  }
  return { match: false, windowSteps };
}
