import { randomBytes } from "node:crypto";

export type TokenCheck = "ok" | "missing" | "expired" | "unknown";

/** Who a token is issued to: the claims an app-only Entra access token carries about its caller. */
export type TokenSubject = { tenantId: string; clientId: string; audience: string; issuer: string };

/**
Short-lived bearer tokens shaped like Entra's (a JWT: header, claims, signature) so a client can
read who it is signed in as (`tid`, `appid`/`azp`, `idtyp`), as it can from a real Graph token.
The signature is random bytes: the emulator checks a token by looking it up, never by verifying
it. Expiry follows the emulator's (skewed) clock.
*/
export class AccessTokens {
  readonly #expiry = new Map<string, number>();
  readonly #ttlSec: number;
  readonly #now: () => number;

  constructor(ttlSec: number, now: () => number) {
    this.#ttlSec = ttlSec;
    this.#now = now;
  }

  issue(subject: TokenSubject): { token: string; expiresInSec: number } {
    const nowSec = Math.floor(this.#now() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const claims = {
      aud: subject.audience,
      iss: subject.issuer,
      iat: nowSec,
      nbf: nowSec,
      exp: nowSec + this.#ttlSec,
      tid: subject.tenantId,
      appid: subject.clientId,
      azp: subject.clientId,
      idtyp: "app",
      oid: subject.clientId,
    };
    const token = [
      part({ typ: "JWT", alg: "none", kid: "emulator" }),
      part(claims),
      randomBytes(24).toString("base64url"),
    ].join(".");
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
