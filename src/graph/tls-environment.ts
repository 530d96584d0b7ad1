import { AuthError } from "../errors.js";

const variable = "NODE_TLS_REJECT_UNAUTHORIZED";

/**
TLS is never switched off (issue #15 item 11). Node turns certificate checks off for every
connection of the process when `NODE_TLS_REJECT_UNAUTHORIZED` is "0" (its only off value), so a
command that talks to a tenant refuses to start with it, whether it came in the environment the
CLI was given or the process's own.
*/
export function refuseDisabledTls(env: Readonly<Record<string, string | undefined>>): void {
  if (env[variable] !== "0" && process.env[variable] !== "0") return;
  throw new AuthError(
    `${variable}=0 is set: it turns off TLS certificate checks, and oathkit never talks to a tenant without them.`,
    {
      hint: `Unset ${variable}. To trust a local CA (the emulator's or a proxy's), set NODE_EXTRA_CA_CERTS=<ca.pem> instead.`,
    },
  );
}
