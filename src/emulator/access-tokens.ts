import { randomBytes } from "node:crypto";

export type TokenCheck = "ok" | "missing" | "expired" | "unknown";

/** Opaque, short-lived bearer tokens. Expiry follows the emulator's (skewed) clock. */
export class AccessTokens {
  readonly #expiry = new Map<string, number>();
  readonly #ttlSec: number;
  readonly #now: () => number;

  constructor(ttlSec: number, now: () => number) {
    this.#ttlSec = ttlSec;
    this.#now = now;
  }

  issue(): { token: string; expiresInSec: number } {
    const token = `emu.${randomBytes(24).toString("base64url")}`;
    this.#expiry.set(token, this.#now() + this.#ttlSec * 1000);
    return { token, expiresInSec: this.#ttlSec };
  }

  /** `authorization` is the raw header value. */
  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)$/iu.exec(authorization ?? "");
    if (match === null) return "missing";
    const expiry = this.#expiry.get(match[1] ?? "");
    if (expiry === undefined) return "unknown";
    return this.#now() < expiry ? "ok" : "expired";
  }
}
