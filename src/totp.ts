import { Secret, TOTP } from "otpauth";
import type { HashFunction, TimeInterval } from "./token-fields.js";

/**
The 6-digit TOTP code (RFC 6238) of a seed at a moment. The clock is an argument: callers pass
skew-corrected time, never `Date.now()` directly. The result is a secret: never log or show it.
*/
export function totpCode(
  seed: Uint8Array,
  timestampMs: number,
  step: TimeInterval,
  hash: HashFunction,
): string {
  return TOTP.generate({
    secret: new Secret({ buffer: Uint8Array.from(seed).buffer }),
    algorithm: hash === "hmacsha256" ? "SHA256" : "SHA1",
    digits: 6,
    period: step,
    timestamp: timestampMs,
  });
}

/** The RFC 6238 time-step counter T = floor(t / X) at a moment. */
export function timeStep(timestampMs: number, step: TimeInterval): number {
  return Math.floor(timestampMs / 1000 / step);
}

/** Milliseconds left in the current time step at a moment. */
export function msLeftInStep(timestampMs: number, step: TimeInterval): number {
  const stepMs = step * 1000;
  return stepMs - (((timestampMs % stepMs) + stepMs) % stepMs);
}
