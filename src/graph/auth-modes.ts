/** The sign-in methods (docs/graph-adapter.md): which credential @azure/identity builds. */
export const authModes = [
  "device-code",
  "browser",
  "azure-cli",
  "client-secret",
  "certificate",
  "env",
] as const;
export type AuthMode = (typeof authModes)[number];
