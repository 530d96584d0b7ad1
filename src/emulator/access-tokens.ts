import { randomBytes } from "node:crypto";
import type { Principal } from "./permissions.js";
import type { EmulatorUser } from "./users.js";

export type TokenCheck =
  { result: "ok"; principal: Principal } | { result: "missing" | "expired" | "unknown" };

/** The claims every token carries about where it comes from. */
export type TokenOrigin = { tenantId: string; clientId: string; audience: string; issuer: string };

/** The user side of a delegated token: who, with which scopes (already limited to the consented ones). */
export type DelegatedGrant = { user: EmulatorUser; scopes: readonly string[] };

const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT-shaped string: header, claims, random signature (never verified: the emulator looks tokens up). */
export function jwt(claims: Record<string, unknown>): string {
  return [
    part({ typ: "JWT", alg: "none", kid: "emulator" }),
    part(claims),
    randomBytes(24).toString("base64url"),
  ].join(".");
}

/**
Short-lived bearer tokens shaped like the access tokens Entra issues for Microsoft Graph (v1.0
tokens, E3): app tokens carry `roles` and `idtyp: "app"`; delegated tokens carry `scp` (space
separated), `upn`, `unique_name`, `name`, `oid`, `sub`, `wids` (directory role template ids) and
`idtyp: "user"`. Both carry `tid`, `appid`/`azp`, `aud`, `iss`, `iat`, `nbf`, `exp`, `ver`.
Expiry follows the emulator's (skewed) clock.
*/
export class AccessTokens {
  readonly #issued = new Map<string, { expiry: number; principal: Principal }>();
  readonly #ttlSec: number;
  readonly #now: () => number;

  constructor(ttlSec: number, now: () => number) {
    this.#ttlSec = ttlSec;
    this.#now = now;
  }

  get ttlSec(): number {
    return this.#ttlSec;
  }

  /** An app-only token with `roles`. */
  issueApp(origin: TokenOrigin, roles: readonly string[]): { token: string; expiresInSec: number } {
    const claims = {
      ...this.#common(origin),
      idtyp: "app",
      oid: origin.clientId,
      sub: origin.clientId,
      roles: [...roles],
    };
    return this.#store(claims, { kind: "app", clientId: origin.clientId, roles: [...roles] });
  }

  /** A delegated token for a signed-in user. */
  issueDelegated(
    origin: TokenOrigin,
    grant: DelegatedGrant,
  ): { token: string; expiresInSec: number } {
    const { user, scopes } = grant;
    const claims = {
      ...this.#common(origin),
      idtyp: "user",
      oid: user.id,
      sub: user.id,
      upn: user.userPrincipalName,
      unique_name: user.userPrincipalName,
      name: user.displayName,
      scp: scopes.join(" "),
      wids: [...user.roleIds],
      amr: ["pwd", "mfa"],
    };
    return this.#store(claims, {
      kind: "user",
      clientId: origin.clientId,
      userId: user.id,
      scopes: [...scopes],
    });
  }

  #common(origin: TokenOrigin): Record<string, unknown> {
    const nowSec = Math.floor(this.#now() / 1000);
    return {
      aud: origin.audience,
      iss: origin.issuer,
      iat: nowSec,
      nbf: nowSec,
      exp: nowSec + this.#ttlSec,
      tid: origin.tenantId,
      appid: origin.clientId,
      azp: origin.clientId,
      ver: "1.0",
    };
  }

  #store(
    claims: Record<string, unknown>,
    principal: Principal,
  ): { token: string; expiresInSec: number } {
    const token = jwt(claims);
    this.#issued.set(token, { expiry: this.#now() + this.#ttlSec * 1000, principal });
    return { token, expiresInSec: this.#ttlSec };
  }

  /** `authorization` is the raw header value. */
  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)$/iu.exec(authorization ?? "");
    if (match === null) return { result: "missing" };
    const issued = this.#issued.get(match[1] ?? "");
    if (issued === undefined) return { result: "unknown" };
    return this.#now() < issued.expiry
      ? { result: "ok", principal: issued.principal }
      : { result: "expired" };
  }
}
