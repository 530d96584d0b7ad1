import { readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  deserializeAuthenticationRecord,
  serializeAuthenticationRecord,
  type AuthenticationRecord,
  type TokenCredential,
} from "@azure/identity";
import { writePrivateFile } from "../files/private-file.js";
import type { GraphConnection } from "./connection.js";
import type { TokenCacheSpec } from "./token-cache.js";

/**
Which account a profile signed in as — @azure/identity's AuthenticationRecord (authority, home
account id, client id, tenant id, user name: no token, no secret) — kept beside the token cache so
that the next process finds its cached tokens without signing in again. It is used only for the
same authority, tenant and client it was made for.
*/
type Saved = { authorityHost: string; tenant: string; clientId: string; record: string };

export const accountFile = (spec: TokenCacheSpec): string =>
  join(spec.dir, `${spec.profile}.account.json`);

const sameSignIn = (saved: Saved, c: GraphConnection): boolean =>
  saved.authorityHost === c.authorityHost &&
  saved.tenant.toLowerCase() === (c.tenantId ?? "").toLowerCase() &&
  saved.clientId === c.clientId;

/** The account this profile signed in as with these settings, if any. */
export function readAccount(
  spec: TokenCacheSpec,
  connection: GraphConnection,
): AuthenticationRecord | undefined {
  try {
    const saved = JSON.parse(readFileSync(accountFile(spec), "utf8")) as Saved;
    return sameSignIn(saved, connection)
      ? deserializeAuthenticationRecord(saved.record)
      : undefined;
  } catch {
    return undefined; // none yet, or unreadable: sign in again
  }
}

export async function saveAccount(
  spec: TokenCacheSpec,
  connection: GraphConnection,
  record: AuthenticationRecord,
): Promise<void> {
  const saved: Saved = {
    authorityHost: connection.authorityHost,
    tenant: connection.tenantId ?? "",
    clientId: connection.clientId ?? "",
    record: serializeAuthenticationRecord(record),
  };
  await mkdir(spec.dir, { recursive: true, mode: 0o700 });
  await writePrivateFile(accountFile(spec), `${JSON.stringify(saved, null, 2)}\n`, {
    replace: true,
  });
}

export async function forgetAccount(spec: TokenCacheSpec): Promise<void> {
  await rm(accountFile(spec), { force: true });
}

type Authenticating = TokenCredential & {
  authenticate(scopes: string | string[]): Promise<AuthenticationRecord | undefined>;
};

/**
After the first token of a person's sign-in with no account saved yet, asks the credential which
account it signed in as (from its cache: no second sign-in) and saves it for the next process.
*/
export function rememberingAccount(
  credential: Authenticating,
  save: (record: AuthenticationRecord) => Promise<void>,
): TokenCredential {
  let saved = false;
  return {
    async getToken(scopes, options) {
      const token = await credential.getToken(scopes, options);
      if (!saved && token !== null) {
        saved = true;
        const record = await credential.authenticate(Array.isArray(scopes) ? scopes : [scopes]);
        if (record !== undefined) await save(record);
      }
      return token;
    },
  };
}
