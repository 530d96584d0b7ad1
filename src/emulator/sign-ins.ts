import { randomBytes } from "node:crypto";
import type { EmulatorUser } from "./users.js";

/**
The state of delegated sign-ins: device codes waiting for approval, authorization requests waiting
at the approval page, issued authorization codes (single use) and refresh tokens. Bounded: at most
`maxPending` entries of each kind; the oldest goes first. Nothing here is ever printed except the
user codes and approval URLs meant for a person.
*/
const maxPending = 1000;

export type DeviceCodeEntry = {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  status: "pending" | "approved" | "declined" | "redeemed";
  user: EmulatorUser | undefined;
};

export type AuthorizeEntry = {
  id: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
  nonce: string | null;
  clientInfo: boolean;
  codeChallenge: string;
  codeChallengeMethod: "S256" | "plain";
  expiresAt: number;
};

export type CodeEntry = Omit<AuthorizeEntry, "id" | "state" | "clientInfo"> & {
  user: EmulatorUser;
};

export type RefreshEntry = { clientId: string; user: EmulatorUser };

function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= maxPending) map.delete(map.keys().next().value ?? "");
  map.set(key, value);
}

/** A code a person types: 9 characters from an alphabet without look-alikes (Entra's are 8–9). */
function userCode(): string {
  const alphabet = "BCDFGHJKLMNPQRSTVWXZ23456789";
  return [...randomBytes(9)].map((b) => alphabet[b % alphabet.length]).join("");
}

export class SignIns {
  readonly deviceCodes = new Map<string, DeviceCodeEntry>();
  readonly authorizeRequests = new Map<string, AuthorizeEntry>();
  readonly codes = new Map<string, CodeEntry>();
  readonly refreshTokens = new Map<string, RefreshEntry>();

  newDeviceCode(clientId: string, scope: string, expiresAt: number): DeviceCodeEntry {
    const entry: DeviceCodeEntry = {
      deviceCode: randomBytes(48).toString("base64url"),
      userCode: userCode(),
      clientId,
      scope,
      expiresAt,
      status: "pending",
      user: undefined,
    };
    bounded(this.deviceCodes, entry.deviceCode, entry);
    return entry;
  }

  byUserCode(code: string): DeviceCodeEntry | undefined {
    const wanted = code.replace(/[\s-]/gu, "").toUpperCase();
    return [...this.deviceCodes.values()].find((e) => e.userCode === wanted);
  }

  newAuthorizeRequest(entry: Omit<AuthorizeEntry, "id">): AuthorizeEntry {
    const full = { ...entry, id: randomBytes(18).toString("base64url") };
    bounded(this.authorizeRequests, full.id, full);
    return full;
  }

  newCode(entry: CodeEntry): string {
    const code = randomBytes(36).toString("base64url");
    bounded(this.codes, code, entry);
    return code;
  }

  newRefreshToken(entry: RefreshEntry): string {
    const token = `rt.${randomBytes(36).toString("base64url")}`;
    bounded(this.refreshTokens, token, entry);
    return token;
  }
}
