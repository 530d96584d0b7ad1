import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHmac } from "node:crypto";
import { msLeftInStep, timeStep, totpCode } from "../src/totp.js";

// RFC 6238 Appendix B per-mode seeds (errata 2866): 20 bytes for SHA-1, 32 bytes for SHA-256.
const sha1Seed = Buffer.from("12345678901234567890", "ascii");
const sha256Seed = Buffer.from("12345678901234567890123456789012", "ascii");

describe("totpCode (RFC 6238 vectors, 6 digits; reliability.md §4.3)", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
    [20000000000, "353130"],
  ])("SHA-1, 30 s, t=%i → %s", (t, code) => {
    expect(totpCode(sha1Seed, t * 1000, 30, "hmacsha1")).toBe(code);
  });

  it.each([
    [59, "119246"],
    [1111111109, "084774"],
    [1111111111, "062674"],
    [1234567890, "819424"],
    [2000000000, "698825"],
    [20000000000, "737706"],
  ])("SHA-256, 30 s, t=%i → %s", (t, code) => {
    expect(totpCode(sha256Seed, t * 1000, 30, "hmacsha256")).toBe(code);
  });

  it.each([
    [59, "755224", "920136"],
    [1111111109, "360094", "857319"],
    [1234567890, "713351", "450756"],
    [20000000000, "948864", "964845"],
  ])("60 s steps, t=%i → SHA-1 %s, SHA-256 %s", (t, sha1, sha256) => {
    expect(totpCode(sha1Seed, t * 1000, 60, "hmacsha1")).toBe(sha1);
    expect(totpCode(sha256Seed, t * 1000, 60, "hmacsha256")).toBe(sha256);
  });

  it("the SHA-256 mode with the 20-byte seed is a different code (pitfall check)", () => {
    expect(totpCode(sha1Seed, 59_000, 30, "hmacsha256")).toBe("247374");
  });

  it("equals HOTP(key, floor(t/X)) from a plain HMAC for any seed and time", () => {
    const hotp = (key: Uint8Array, counter: number, alg: string): string => {
      const msg = Buffer.alloc(8);
      msg.writeBigUInt64BE(BigInt(counter));
      const mac = createHmac(alg, key).update(msg).digest();
      const offset = mac[mac.length - 1]! & 0x0f;
      const bin = mac.readUInt32BE(offset) & 0x7fffffff;
      return String(bin % 1_000_000).padStart(6, "0");
    };
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 64 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.constantFrom(30 as const, 60 as const),
        fc.constantFrom("hmacsha1" as const, "hmacsha256" as const),
        (key, seconds, step, hash) => {
          const code = totpCode(key, seconds * 1000, step, hash);
          expect(code).toMatch(/^\d{6}$/u);
          expect(code).toBe(
            hotp(key, Math.floor(seconds / step), hash === "hmacsha1" ? "sha1" : "sha256"),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("time steps", () => {
  it("counts steps and the time left in one", () => {
    expect(timeStep(59_000, 30)).toBe(1);
    expect(timeStep(60_000, 60)).toBe(1);
    expect(msLeftInStep(59_000, 30)).toBe(1_000);
    expect(msLeftInStep(60_000, 30)).toBe(30_000);
    expect(msLeftInStep(61_500, 60)).toBe(58_500);
  });
});
