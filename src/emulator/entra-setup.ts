import { OathkitError } from "../errors.js";
import type { AccessTokens } from "./access-tokens.js";
import type { EmulatorCounters } from "./counters.js";
import type { EntraConfig } from "./entra-config.js";
import type { EmulatorOptions } from "./options.js";
import { defaultAppRoles } from "./permissions.js";
import { SignIns } from "./sign-ins.js";
import type { EmulatorUser, UserDirectory } from "./users.js";

/**
Who signs in with --auto-approve and who the approval pages preselect: `signInAs` (a UPN the users
file must hold), else the first enabled user with a directory role, else the first enabled user.
*/
function signInUser(options: EmulatorOptions, users: UserDirectory): EmulatorUser | undefined {
  if (options.signInAs !== undefined) {
    const user = users.find(options.signInAs);
    if (user === undefined || !user.accountEnabled) {
      throw new OathkitError(
        `--sign-in-as ${options.signInAs} is not an enabled user of the users file.`,
        { hint: "Name a userPrincipalName from the users file." },
      );
    }
    return user;
  }
  return users.firstAdmin() ?? users.all().find((u) => u.accountEnabled);
}

export function entraConfig(
  options: EmulatorOptions,
  parts: {
    tenantId: string;
    clientId: string;
    clientSecret: string;
    tokens: AccessTokens;
    now: () => number;
    users: UserDirectory;
    counters: EmulatorCounters;
  },
): EntraConfig {
  const signInAs = signInUser(options, parts.users);
  if (options.autoApprove === true && signInAs === undefined) {
    throw new OathkitError("--auto-approve needs an enabled user in the users file to sign in as.");
  }
  return {
    ...parts,
    origin: "", // known once listening
    signIns: new SignIns(),
    appRoles: options.appRoles ?? defaultAppRoles,
    consentedScopes: options.consentedScopes?.map((scope) =>
      scope.replace(
        /^(https:\/\/graph\.microsoft\.com|00000003-0000-0000-c000-000000000000)\//iu,
        "",
      ),
    ),
    autoApprove: options.autoApprove ?? false,
    signInAs,
    deviceCodeTtlSec: options.deviceCodeTtlSec ?? 900,
    deviceCodeIntervalSec: options.deviceCodeIntervalSec ?? 5,
    onSignInWaiting: options.onSignInWaiting,
  };
}
