import { authModes } from "../../graph/auth-modes.js";
import { defaultAuthorityHost, defaultGraphUrl } from "../../graph/host-rules.js";
import { flag, repeated, text, type Section } from "./declare.js";

/**
The options of every command that talks to a tenant (import, activate, list, remove). Their values
are checked where they are resolved with the environment (graph/connection.ts), because the guided
flow and the in-process emulator give them too.
*/
export const tenantSection = {
  title: "Tenant options",
  options: {
    profile: text({
      value: "<name>",
      help: [
        "a saved tenant (oathkit profiles; env OATHKIT_PROFILE);",
        "flags override its values",
      ],
    }),
    tenant: text({ value: "<id>", help: "tenant id or domain (env AZURE_TENANT_ID)" }),
    "client-id": text({
      value: "<id>",
      help: [
        "app registration's client id (env AZURE_CLIENT_ID);",
        "device-code and browser default to Microsoft Graph PowerShell's",
      ],
    }),
    auth: text({
      value: "<mode>",
      complete: authModes,
      help: [
        `${authModes.join("|")};`,
        "default env when AZURE_CLIENT_SECRET or",
        "AZURE_CLIENT_CERTIFICATE_PATH is set, else device-code",
      ],
    }),
    cloud: text({
      value: "global",
      complete: ["global"],
      help: "the only cloud with hardware OATH endpoints",
    }),
    "graph-url": text({ value: "<url>", complete: "url", help: `default ${defaultGraphUrl}` }),
    "authority-host": text({
      value: "<url>",
      complete: "url",
      help: [`default ${defaultAuthorityHost}`, "(env AZURE_AUTHORITY_HOST)"],
    }),
    "allow-host": repeated({
      value: "<host>",
      complete: "host",
      help: "trust a host other than Microsoft's or loopback (repeatable)",
    }),
    emulator: flag({ help: "run against a local in-process emulator (no tenant needed)" }),
    "emulator-users": text({
      value: "<file>",
      complete: "file",
      help: "users for --emulator (default: the samples' users file)",
    }),
  },
} as const satisfies Section;

const signInOptions = Object.fromEntries(
  Object.entries(tenantSection.options).filter(([name]) => !name.startsWith("emulator")),
) as Omit<typeof tenantSection.options, "emulator" | "emulator-users">;

/** The tenant options of login and whoami: where and how to sign in (no --emulator). */
export const signInSection = {
  title: "Tenant options",
  options: signInOptions,
} as const satisfies Section;
