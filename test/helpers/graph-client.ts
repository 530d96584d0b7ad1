import { ClientSecretCredential } from "@azure/identity";
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
} from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";

export const graphScope = "https://graph.microsoft.com/.default";

/** The real @azure/identity credential pointed at an emulator (instance discovery off, as MSAL needs offline). */
export function emulatorCredential(
  emulator: Pick<RunningEmulator, "url" | "tenantId" | "clientId" | "clientSecret">,
  secret = emulator.clientSecret,
): ClientSecretCredential {
  return new ClientSecretCredential(emulator.tenantId, emulator.clientId, secret, {
    authorityHost: emulator.url,
    disableInstanceDiscovery: true,
  });
}

/**
The real Graph client against an emulator: beta by default, the loopback host in `customHosts` so
the bearer token is attached. `retry: false` builds the chain without the RetryHandler, for tests
that must see a raw 429/503/504.
*/
export function emulatorGraphClient(
  emulator: RunningEmulator,
  options: { retry?: boolean } = {},
): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(emulatorCredential(emulator), {
    scopes: [graphScope],
  });
  const common = {
    baseUrl: emulator.url,
    defaultVersion: "beta",
    customHosts: new Set([new URL(emulator.url).hostname]),
  };
  if (options.retry ?? true) {
    return Client.initWithMiddleware({ ...common, authProvider });
  }
  const auth = new AuthenticationHandler(authProvider);
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({ ...common, middleware: auth });
}
