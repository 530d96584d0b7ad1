import { describe, expect, it } from "vitest";
import { classify, kindOf, parseRetryAfter } from "../../src/graph/classify-failure.js";
import { Seed } from "../../src/secrets/seed.js";
import { Scrubber } from "../../src/secrets/scrubber.js";

const now = Date.parse("2026-11-23T16:00:00Z");

describe("kindOf", () => {
  it.each([
    [429, "throttled"],
    [500, "unclear"],
    [502, "unclear"],
    [503, "unclear"],
    [504, "unclear"],
    [408, "unclear"],
    [201, "unclear"],
    [401, "auth"],
    [403, "auth"],
    [404, "not-found"],
    [409, "conflict"],
    [400, "rejected"],
    [422, "rejected"],
  ] as const)("status %i is %s", (status, kind) => {
    expect(kindOf(status, "Whatever")).toBe(kind);
  });

  it("treats a missing response as unclear, a sign-in or TLS failure as auth", () => {
    expect(kindOf(null, "NetworkError")).toBe("unclear");
    expect(kindOf(null, "TimeoutError")).toBe("unclear");
    expect(kindOf(null, null)).toBe("unclear");
    expect(kindOf(null, "AuthenticationError")).toBe("auth");
    expect(kindOf(null, "CredentialUnavailableError")).toBe("auth");
    expect(kindOf(null, "TlsError")).toBe("auth");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, fractions rounded up to the millisecond", () => {
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(" 2.128 ", now)).toBe(2128);
    expect(parseRetryAfter("0", now)).toBe(0);
  });

  it("reads an HTTP date relative to now; a past date means now", () => {
    expect(parseRetryAfter("Mon, 23 Nov 2026 16:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 15:59:00 GMT", now)).toBe(0);
  });

  it("gives null for absent or unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
  });
});

describe("classify", () => {
  const seed = Seed.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  const scrubber = new Scrubber();
  scrubber.add(...seed.textForms());

  it("keeps status, code and request id, and scrubs every seed form from the message", () => {
    const failure = classify(
      {
        status: 400,
        code: "Request_BadRequest",
        message: `secretKey ${seed.toBase32().toLowerCase()} is invalid`,
        requestId: "req-1",
        retryAfter: null,
      },
      { operation: "create token 60234567", write: true, scrubber, nowMs: now },
    );
    expect(failure.info()).toMatchObject({
      kind: "rejected",
      status: 400,
      code: "Request_BadRequest",
      requestId: "req-1",
      retryAfterMs: null,
    });
    expect(failure.message).toContain("create token 60234567 failed: HTTP 400 Request_BadRequest");
    for (const form of seed.textForms()) expect(failure.message).not.toContain(form);
  });

  it("gives throttled failures their wait and names the permission after a 403", () => {
    const throttled = classify(
      { status: 429, code: "TooManyRequests", message: "", requestId: null, retryAfter: "3" },
      { operation: "list tokens", write: false, scrubber, nowMs: now },
    );
    expect([throttled.kind, throttled.retryAfterMs]).toEqual(["throttled", 3000]);
    const denied = classify(
      {
        status: 403,
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
        requestId: null,
        retryAfter: null,
      },
      {
        operation: "assign token d1",
        needs: "UserAuthenticationMethod.ReadWrite.All",
        write: true,
        scrubber,
        nowMs: now,
      },
    );
    expect(denied.kind).toBe("auth");
    expect(denied.message).toContain("Needs UserAuthenticationMethod.ReadWrite.All");
  });

  it("says a write with no response may have been applied", () => {
    const lost = classify(
      {
        status: null,
        code: "NetworkError",
        message: "ECONNRESET: socket hang up",
        requestId: null,
        retryAfter: null,
      },
      { operation: "activate token d1", write: true, scrubber, nowMs: now },
    );
    expect(lost.kind).toBe("unclear");
    expect(lost.status).toBeNull();
    expect(lost.message).toMatch(/may have been applied/u);
    const read = classify(
      { status: null, code: "TimeoutError", message: "", requestId: null, retryAfter: null },
      { operation: "list tokens", write: false, scrubber, nowMs: now },
    );
    expect(read.kind).toBe("unclear");
    expect(read.message).not.toMatch(/applied/u);
  });
});
