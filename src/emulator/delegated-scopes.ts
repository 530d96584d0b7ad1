import { knownDelegatedScopes } from "./permissions.js";

/**
What a delegated token may carry, from the `scope` parameter a public client sends (docs/emulator.md
§ Delegated sign-in). Graph scopes come bare (`User.Read`), with Graph's resource URI
(`https://graph.microsoft.com/User.Read`) or its app id; `.default` stands for every consented
Graph permission. `openid`, `profile`, `email` and `offline_access` are the OpenID Connect scopes.
Granted, as Entra grants (its consent is additive: a token for Graph carries every Graph permission
consented for the client, whichever of them the request names): every consented permission once any
Graph scope is requested; a requested one that is not consented is not granted. With `consented`
undefined everything requested is consented, and `.default` is every permission the emulator knows.
*/
const graphPrefixes = ["https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000/"];
const oidcScopes = ["openid", "profile", "email", "offline_access"];

export type ScopeRequest = {
  /** Graph permissions granted (canonical names). */
  granted: string[];
  /** The OpenID scopes requested (lower case). */
  oidc: string[];
  /** Whether the Graph scopes were written with the resource URI (the answer uses the same form). */
  prefixed: boolean;
  /** Whether `.default` was requested (the answer lists it, as Entra does). */
  isDefault: boolean;
};

export class ScopeError extends Error {}

function canonical(name: string, pool: readonly string[]): string {
  return pool.find((p) => p.toLowerCase() === name.toLowerCase()) ?? name;
}

export function parseScopes(text: string, consented: readonly string[] | undefined): ScopeRequest {
  const parts = text.split(/\s+/u).filter((s) => s !== "");
  const oidc: string[] = [];
  const graph: string[] = [];
  let prefixed = false;
  for (const part of parts) {
    if (oidcScopes.includes(part.toLowerCase())) {
      oidc.push(part.toLowerCase());
      continue;
    }
    const prefix = graphPrefixes.find((p) => part.toLowerCase().startsWith(p));
    if (prefix !== undefined) {
      prefixed = true;
      graph.push(part.slice(prefix.length));
    } else if (!part.includes("/") && !part.includes(":")) {
      graph.push(part);
    } else {
      throw new ScopeError(
        `The scope '${part}' is not for Microsoft Graph; the emulator serves only Graph.`,
      );
    }
  }
  const isDefault = graph.some((g) => g.toLowerCase() === ".default");
  if (isDefault && graph.length > 1) {
    throw new ScopeError(
      "The scope '.default' cannot be combined with other Graph scopes in one request.",
    );
  }
  const granted =
    consented !== undefined
      ? graph.length > 0
        ? [...consented]
        : []
      : isDefault
        ? [...knownDelegatedScopes]
        : graph.map((g) => canonical(g, knownDelegatedScopes));
  return { granted: [...new Set(granted)], oidc: [...new Set(oidc)], prefixed, isDefault };
}

/** The `scope` of the token response: granted Graph scopes in the request's form, then OpenID ones. */
export function responseScope(request: ScopeRequest): string {
  const prefix = request.prefixed ? graphPrefixes[0] : "";
  const graph = request.granted.map((g) => `${prefix}${g}`);
  if (request.isDefault) graph.push(`${graphPrefixes[0]}.default`);
  return [...graph, ...request.oidc.filter((s) => s !== "offline_access")].join(" ");
}

/** The `scp` claim: granted Graph permissions and the OpenID scopes Entra lists there. */
export function scpClaim(request: ScopeRequest): string[] {
  return [...request.granted, ...request.oidc.filter((s) => s !== "offline_access")];
}
