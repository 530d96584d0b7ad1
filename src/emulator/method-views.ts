import type { ExistingMethod } from "./users.js";

/**
A method from the users file as Graph lists it under /authentication/methods: the
microsoftAuthenticatorAuthenticationMethod (E9: displayName, deviceTag, phoneAppVersion,
createdDateTime) and the softwareOathAuthenticationMethod (`secretKey` always null).
*/
export function existingMethodView(method: ExistingMethod): Record<string, unknown> {
  if (method.type === "microsoftAuthenticator") {
    return {
      "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
      id: method.id,
      displayName: method.displayName ?? "Authenticator phone",
      deviceTag: "SoftwareTokenActivated",
      phoneAppVersion: "6.2401.0119",
      createdDateTime: method.createdDateTime ?? null,
    };
  }
  return {
    "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethod",
    id: method.id,
    secretKey: null,
  };
}
