import type { TokenCredential } from "@azure/identity";
import { AuthError } from "../errors.js";
import { publicClientId, publicClientName } from "./command-scopes.js";
import type { GraphConnection } from "./connection.js";

/**
Entra's answers that mean "not with this app" (docs/graph-adapter.md § Signing in without an app
registration): the app is not in the tenant or disabled, the user is not assigned to it, consent
is missing, needs an admin or was declined, or Conditional Access blocks it.
*/
const refusals = new Set([
  "700016",
  "7000112",
  "50105",
  "65001",
  "65004",
  "90094",
  "90099",
  "53003",
]);

/** The OAuth error codes of the same answers (MSAL's message may carry only these). */
const oauthRefusals = [
  "authorization_declined",
  "unauthorized_client",
  "consent_required",
  "access_denied",
];

/** What a sign-in failure names that refuses the client (AADSTS65004, unauthorized_client), if any. */
export function refusedClientCode(message: string): string | null {
  const code = /AADSTS(\d+)/u.exec(message)?.[1];
  if (code !== undefined && refusals.has(code)) return `AADSTS${code}`;
  return oauthRefusals.find((c) => new RegExp(`\\b${c}\\b`, "u").test(message)) ?? null;
}

export function publicClientRefused(code: string): AuthError {
  return new AuthError(
    `The tenant refused sign-in with ${publicClientName}'s public client (${publicClientId}, ${code}), which oathkit uses when no --client-id is given.`,
    {
      hint: 'Some tenants block that app: register one with exactly oathkit\'s permissions (README "Registering an app for oathkit") and pass its id with --client-id.',
    },
  );
}

/**
With the public client, a refusal becomes one sentence naming it and the way out. The Graph SDK
rewraps what a credential throws, so the refusal is also kept (`refusal()`) for the calls to rethrow.
*/
export function explainingRefusal(
  credential: TokenCredential,
  connection: GraphConnection,
): TokenCredential & { refusal(): AuthError | null } {
  let refused: AuthError | null = null;
  return {
    refusal: () => refused,
    async getToken(scopes, options) {
      try {
        return await credential.getToken(scopes, options);
      } catch (error) {
        const code = connection.publicClient
          ? refusedClientCode(error instanceof Error ? error.message : String(error))
          : null;
        if (code === null) throw error;
        refused = publicClientRefused(code);
        throw refused;
      }
    },
  };
}
