import type { Purpose } from "../graph/command-scopes.js";
import type { ConnectionSettings } from "../graph/connection.js";
import type { ValuesOf } from "./options/declare.js";
import type { signInSection } from "./options/tenant.js";

/** The tenant options of login and whoami as connection settings, for a purpose. */
export function signInFlags(
  flags: ValuesOf<typeof signInSection.options>,
  purpose: Purpose,
): ConnectionSettings {
  return {
    tenant: flags.tenant,
    clientId: flags["client-id"],
    auth: flags.auth,
    cloud: flags.cloud,
    graphUrl: flags["graph-url"],
    authorityHost: flags["authority-host"],
    allowHosts: flags["allow-host"],
    purpose,
  };
}
